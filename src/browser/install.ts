import type { Tenant, TenantHooks } from '../tenant/tenant.js'
import type { Tenants } from '../tenant/tenants.js'
import { BrowserPool } from './browser-pool.js'
import { createBrowserLoginDriver } from './login-driver.js'
import { ScreenshotStore } from './screenshots.js'
import { createBrowserSessionLoginDriver } from './session-login-driver.js'

/**
 * The real-browser login drivers (`login_with: browser`) for connections and
 * for sessions, sharing one Chromium pool and one screenshot store
 * (playwright-core is imported on first use only). Registers both drivers in
 * `hooks`; the caller adds `onEvent` to the event hooks (after the source
 * sites', so a site hears of a change before its browser page is closed).
 */
export function installBrowser(deps: {
  tenants: Tenants
  hooks: TenantHooks
  settle(tenant: Tenant): Promise<void>
  log(line: string): void
  chromium?: string | undefined
  /** Where the browser finds the fake source sites: an origin it can reach. */
  siteOrigin(): Promise<string>
}) {
  const { tenants, settle, log, siteOrigin } = deps
  const screenshots = new ScreenshotStore()
  const pool = new BrowserPool(deps.chromium, log)
  const logins = createBrowserLoginDriver({ tenants, pool, screenshots, settle, log, siteOrigin })
  const sessions = createBrowserSessionLoginDriver({ tenants, pool, screenshots, settle, log, siteOrigin })
  deps.hooks.loginDrivers = { ...deps.hooks.loginDrivers, browser: logins.driver }
  deps.hooks.sessionLoginDrivers = { ...deps.hooks.sessionLoginDrivers, browser: sessions.driver }
  return {
    screenshots,
    onEvent: [logins.onEvent, sessions.onEvent],
    /** `emulator.browser`: which Chromium, how many pages are open, and a wait for the logins in flight. */
    status: {
      get source() {
        return pool.source
      },
      get executable() {
        return pool.executable
      },
      get open() {
        return logins.open + sessions.open
      },
      idle: async () => {
        await Promise.all([logins.idle(), sessions.idle()])
      },
    },
    async close() {
      await logins.close()
      await sessions.close()
      await pool.close()
    },
  }
}

/**
 * The browser needs a real address: the first listening server, else a
 * loopback listener of its own (opened once, on first need).
 */
export function browserSiteOrigin(servers: readonly { url: string }[], listen: () => Promise<{ url: string }>): () => Promise<string> {
  let loopback: Promise<{ url: string }> | undefined
  return async () => (servers[0] ? browserUrl(servers[0].url) : (await (loopback ??= listen())).url)
}

/** A wildcard bind address is not somewhere a browser can go: use loopback. */
function browserUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:')
}
