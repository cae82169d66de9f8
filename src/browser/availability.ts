import { createRequire } from 'node:module'
import { locateChromium, type ChromiumLocation } from './chromium.js'

/**
 * The browser is optional: `playwright-core` and `@sparticuz/chromium` are
 * optional peer dependencies, so server, library and msw users never download
 * Chromium. This is the one command that adds browser login to a project.
 */
export const BROWSER_INSTALL = 'npm install --save-dev playwright-core@1.57.0 @sparticuz/chromium@143.0.4'

export type BrowserSupport = { ok: true; chromium: Exclude<ChromiumLocation, { ok: false }> } | { ok: false; problem: string }

/** Is `name` resolvable from this package? Injectable so tests can play a project without it. */
export type Resolves = (name: string) => boolean

const resolves: Resolves = (name) => {
  try {
    createRequire(import.meta.url).resolve(name)
    return true
  } catch {
    return false
  }
}

/**
 * Whether a browser login can start, from file checks alone (no import, no
 * launch): playwright-core must be installed, and a Chromium found (option,
 * env, system, or the npm one).
 */
export function browserSupport(explicitChromium?: string, canResolve: Resolves = resolves): BrowserSupport {
  if (!canResolve('playwright-core')) {
    return { ok: false, problem: `Browser login needs playwright-core, which is not installed (it is an optional peer dependency). Fix: ${BROWSER_INSTALL}` }
  }
  const chromium = locateChromium(explicitChromium)
  return chromium.ok ? { ok: true, chromium } : chromium
}

/** One line for the CLI banner. */
export function describeBrowserSupport(support: BrowserSupport): string {
  if (!support.ok) return `not available: ${support.problem}`
  const from = 'path' in support.chromium ? support.chromium.path : `npm @sparticuz/chromium ${support.chromium.version}`
  return `available (Chromium: ${from})`
}
