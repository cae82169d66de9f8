import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumExecutable, locateChromium } from '../../src/browser/chromium.js'

/**
 * The browser tests use the same Chromium lookup as the emulator's browser
 * login ($DECK_EMULATOR_CHROMIUM, a system Chromium, then the binary shipped in
 * @sparticuz/chromium, unpacked atomically), so a fresh machine with only
 * `npm install` runs them too. Nothing is downloaded.
 */
export async function findChromium(): Promise<string> {
  const location = locateChromium()
  if (!location.ok) throw new Error(`No Chromium for the browser tests: ${location.problem}`)
  return chromiumExecutable(location)
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await findChromium(), args: [...CHROMIUM_ARGS], headless: true })
}
