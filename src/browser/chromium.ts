import { accessSync, constants, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createBrotliDecompress } from 'node:zlib'

/** Where the browser came from, in the order they are tried. */
export type ChromiumSource = 'option' | 'env' | 'system' | 'npm'

export type ChromiumLocation =
  | { ok: true; source: ChromiumSource; path: string }
  | { ok: true; source: 'npm'; brotli: string; version: string }
  | { ok: false; problem: string }

export const ENV_VAR = 'DECK_EMULATOR_CHROMIUM'
export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']

// The browser packages are optional peers (browser/availability.ts): the fix names the one command that adds them.
const FIX =
  'Fix: run `npm install` for the optional browser packages (`npm install --save-dev playwright-core@1.57.0 @sparticuz/chromium@143.0.4`, which ships Chromium), or install a system Chromium (/usr/bin/chromium), or pass --chromium <path> (or set DECK_EMULATOR_CHROMIUM).'

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Finds a Chromium without starting it (file checks only, so an API call can
 * refuse a browser login at once): `--chromium` / `DECK_EMULATOR_CHROMIUM`,
 * then a system Chromium, then the binary the npm package ships.
 */
export function locateChromium(explicit?: string, system: readonly string[] = SYSTEM_CHROMIUMS): ChromiumLocation {
  const env = process.env[ENV_VAR]
  const given = explicit ?? env
  if (given) {
    const flag = explicit ? '--chromium' : ENV_VAR
    if (!executable(given)) return { ok: false, problem: `No Chromium at ${given} (given by ${flag}): the file does not exist or is not executable. ${FIX}` }
    return { ok: true, source: explicit ? 'option' : 'env', path: given }
  }
  const found = system.find(executable)
  if (found) return { ok: true, source: 'system', path: found }
  const npm = npmChromium()
  if (npm) return { ok: true, source: 'npm', ...npm }
  return { ok: false, problem: `No Chromium found (no --chromium, no system Chromium, @sparticuz/chromium not installed). ${FIX}` }
}

function npmChromium(): { brotli: string; version: string } | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium')
    const root = join(dirname(entry), '..', '..')
    const brotli = join(root, 'bin', 'chromium.br')
    if (!existsSync(brotli)) return undefined
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version
    return { brotli, version }
  } catch {
    return undefined
  }
}

/**
 * The executable for a located Chromium. The npm one is brotli-compressed:
 * it is unpacked once per version into the temp dir, through a temp file and
 * a rename, so parallel test workers never start a half-written binary.
 */
export async function chromiumExecutable(location: Exclude<ChromiumLocation, { ok: false }>): Promise<string> {
  if ('path' in location) return location.path
  const dir = join(tmpdir(), `deck-emulator-chromium-${location.version}`)
  const target = join(dir, 'chromium')
  if (executable(target)) return target
  mkdirSync(dir, { recursive: true })
  const partial = `${target}.${process.pid}.${Date.now()}.partial`
  await pipeline(createReadStream(location.brotli), createBrotliDecompress(), createWriteStream(partial, { mode: 0o755 }))
  renameSync(partial, target)
  return target
}

/** Flags for this closed network and for running as root in CI (see docs: machine notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-default-browser-check',
]
