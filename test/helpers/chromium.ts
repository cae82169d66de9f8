import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/**
 * Finds a Chromium for the browser tests: $DECK_EMULATOR_CHROMIUM, then a
 * system one, then the binary shipped inside the npm package
 * @sparticuz/chromium (extracted to the temp dir on first use), so a fresh
 * machine with only `npm install` runs them too. Nothing is downloaded.
 */
export async function findChromium(): Promise<string> {
  const fromEnv = process.env.DECK_EMULATOR_CHROMIUM
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`DECK_EMULATOR_CHROMIUM=${fromEnv} does not exist`)
    return fromEnv
  }
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (existsSync(path)) return path
  const shipped = (await import('@sparticuz/chromium')).default
  return shipped.executablePath()
}

/** Flags for this closed network: no background calls to Google, no sandbox as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
]

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_ARGS, headless: true })
}
