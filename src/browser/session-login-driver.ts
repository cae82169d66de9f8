import type { BrowserContext } from 'playwright-core'
import { fakeSiteSpec, type LoginWith } from '../domain/login-with.js'
import type { SourceScript } from '../domain/login-script.js'
import type { DeckEvent } from '../domain/types.js'
import { tenantHandle } from '../pages/site-sessions.js'
import type { LoginOutcome } from '../connections/login-drivers.js'
import { applySessionBrowserOutcome, type SessionLoginDriver } from '../sessions/login.js'
import type { Tenant } from '../tenant/tenant.js'
import type { BrowserDriverDeps } from './login-driver.js'
import type { PageLogin } from './page-login.js'
import { attemptLogin, browserUnavailable } from './login-attempt.js'
import { screenshotTaker } from './screenshot-taker.js'

interface Live {
  tenantKey: string
  sessionId: string
  context?: BrowserContext
  login?: PageLogin
  closed: boolean
  queue: Promise<void>
}

/**
 * `login_with: browser` for the credentials generation: a real Chromium
 * performs a session's login (the same fake site and PageLogin as the
 * connection driver), and its outcomes move the run that opened the
 * session. One browser context per session, closed when the session ends.
 */
export function createBrowserSessionLoginDriver(deps: BrowserDriverDeps) {
  const live = new Map<string, Live>()
  const keyOf = (tenantKey: string, sessionId: string) => `${tenantKey}\u0000${sessionId}`

  const close = async (entry: Live) => {
    entry.closed = true
    if (live.get(keyOf(entry.tenantKey, entry.sessionId)) === entry) live.delete(keyOf(entry.tenantKey, entry.sessionId))
    await entry.context?.close().catch(() => {})
  }

  const enqueue = (entry: Live, work: () => Promise<LoginOutcome | void>) => {
    entry.queue = entry.queue.then(async () => {
      if (entry.closed) return
      const outcome = await attemptLogin(work)
      if (!outcome || entry.closed) return
      const tenant = deps.tenants.get(entry.tenantKey)
      if (!applySessionBrowserOutcome(tenant, entry.sessionId, outcome)) return close(entry)
      await deps.settle(tenant)
    })
  }

  const driver: SessionLoginDriver = {
    unavailable: (script: SourceScript) => browserUnavailable(deps.pool, script),
    begin(tenant: Tenant, sessionId: string, script: SourceScript, username: string, password: string) {
      const previous = live.get(keyOf(tenant.key, sessionId))
      if (previous) void close(previous)
      const entry: Live = { tenantKey: tenant.key, sessionId, closed: false, queue: Promise.resolve() }
      live.set(keyOf(tenant.key, sessionId), entry)
      const options = script.login_with as Extract<LoginWith, { mode: 'browser' }>
      enqueue(entry, async () => {
        const context = await deps.pool.context()
        entry.context = context
        if (entry.closed) return void (await context.close())
        const page = await context.newPage()
        const { PageLogin } = await import('./page-login.js')
        const url = options.site?.url ?? `${await deps.siteOrigin()}/_sources/${encodeURIComponent(script.id)}/login?tenant=${tenantHandle(tenant.key)}`
        const shoot = screenshotTaker(
          deps.screenshots,
          tenant.key,
          sessionId,
          () => deps.tenants.get(tenant.key).nowIso(),
          () => page,
        )
        entry.login = new PageLogin(page, options.site ?? fakeSiteSpec(url), options.timeout, shoot)
        return entry.login.start(url, username, password)
      })
    },
    answer(tenant: Tenant, sessionId: string, inputs: Record<string, unknown>) {
      const entry = live.get(keyOf(tenant.key, sessionId))
      if (!entry) {
        // The page is gone (the emulator restarted, say): the login cannot go on.
        const orphan: Live = { tenantKey: tenant.key, sessionId, closed: false, queue: Promise.resolve() }
        live.set(keyOf(tenant.key, sessionId), orphan)
        enqueue(orphan, async () => ({ kind: 'timeout', message: 'The browser page of this login is gone (the emulator restarted?); start a new run.' }))
        return
      }
      enqueue(entry, async () => entry.login?.answer(inputs) ?? { kind: 'timeout', message: 'The browser page of this login is gone.' })
    },
  }

  return {
    driver,
    /** A session that ends closes its browser context. */
    onEvent(tenant: Tenant, event: DeckEvent) {
      if (event.type !== 'session.completed' && event.type !== 'session.failed') return
      const entry = live.get(keyOf(tenant.key, String(event.data.id)))
      if (entry) entry.queue = entry.queue.then(() => close(entry))
    },
    get open() {
      return live.size
    },
    async idle() {
      await Promise.all([...live.values()].map((s) => s.queue))
    },
    async close() {
      await Promise.all([...live.values()].map((s) => close(s)))
    },
  }
}
