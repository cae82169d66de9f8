import { secretRefs } from '../tenant/secret-refs.js'
import type { BrowserContext } from 'playwright-core'
import { fakeSiteSpec, type LoginWith } from '../domain/login-with.js'
import type { SourceScript } from '../domain/login-script.js'
import type { Connection, DeckEvent } from '../domain/types.js'
import { tenantHandle } from '../pages/site-sessions.js'
import { applyLoginOutcome, type LoginDriver, type LoginOutcome } from '../connections/login-drivers.js'
import type { ScreenshotStore } from './screenshots.js'
import type { Tenant } from '../tenant/tenant.js'
import type { Tenants } from '../tenant/tenants.js'
import type { BrowserPool } from './browser-pool.js'
import type { PageLogin } from './page-login.js'
import { attemptLogin, browserUnavailable } from './login-attempt.js'
import { screenshotTaker } from './screenshot-taker.js'
import { findConnection, findLogin } from '../connections/state.js'

export interface BrowserDriverDeps {
  tenants: Tenants
  pool: BrowserPool
  screenshots: ScreenshotStore
  /** Where the browser reaches this emulator's fake sites (starts a loopback listener when none is open). */
  siteOrigin(): Promise<string>
  /** Commits what an asynchronous outcome changed (the same settle the HTTP layer runs). */
  settle(tenant: Tenant): Promise<void>
  log(line: string): void
}

/** One connection's browser: its own context, and a queue so page actions never overlap. */
interface Live {
  tenantKey: string
  connectionId: string
  context?: BrowserContext
  login?: PageLogin
  connected: boolean
  closed: boolean
  queue: Promise<void>
}

const LEAVES = new Set(['invalid', 'disconnected', 'terminated'])

/**
 * The `login_with: browser` driver: a real Chromium performs the login and
 * its outcomes move the connection. The browser runs on real time; the
 * tenant clock only stamps the transitions and runs the usual timers.
 */
export function createBrowserLoginDriver(deps: BrowserDriverDeps) {
  const live = new Map<string, Live>()
  const keyOf = (tenantKey: string, connectionId: string) => `${tenantKey}\u0000${connectionId}`

  const close = async (session: Live) => {
    session.closed = true
    if (live.get(keyOf(session.tenantKey, session.connectionId)) === session) live.delete(keyOf(session.tenantKey, session.connectionId))
    await session.context?.close().catch(() => {})
  }

  // Contexts whose connection vanished (tenant reset, scenario reload) are closed when the next login starts.
  const sweep = () => {
    for (const session of live.values()) {
      if (!findConnection(deps.tenants.get(session.tenantKey), session.connectionId)) void close(session)
    }
  }

  const enqueue = (session: Live, work: () => Promise<LoginOutcome | void>) => {
    session.queue = session.queue.then(async () => {
      if (session.closed) return
      const outcome = await attemptLogin(work)
      if (outcome && !session.closed) await report(session, outcome)
    })
  }

  const report = async (session: Live, outcome: LoginOutcome) => {
    const tenant = deps.tenants.get(session.tenantKey)
    const applied = applyLoginOutcome(tenant, session.connectionId, outcome)
    if (!applied) return close(session) // reset, terminated or reopened meanwhile: nobody waits for this page
    if (outcome.kind === 'connected') session.connected = true
    await deps.settle(tenant)
  }

  const driver: LoginDriver = {
    unavailable: (script: SourceScript) => browserUnavailable(deps.pool, script),
    begin(tenant: Tenant, connection: Connection, script: SourceScript) {
      sweep()
      const previous = live.get(keyOf(tenant.key, connection.id))
      if (previous) void close(previous)
      const session: Live = { tenantKey: tenant.key, connectionId: connection.id, connected: false, closed: false, queue: Promise.resolve() }
      live.set(keyOf(tenant.key, connection.id), session)
      const credentials = findLogin(tenant, connection.id)
      const options = script.login_with as Extract<LoginWith, { mode: 'browser' }>
      enqueue(session, async () => {
        const context = await deps.pool.context()
        session.context = context
        if (session.closed) return void (await context.close())
        const page = await context.newPage()
        const { PageLogin } = await import('./page-login.js')
        const url =
          options.site?.url ??
          `${await deps.siteOrigin()}/_sources/${encodeURIComponent(script.id)}/login?tenant=${tenantHandle(tenant.key)}&connection=${connection.id}`
        session.login = new PageLogin(
          page,
          options.site ?? fakeSiteSpec(url),
          options.timeout,
          screenshotTaker(
            deps.screenshots,
            session.tenantKey,
            session.connectionId,
            () => deps.tenants.get(session.tenantKey).nowIso(),
            () => page,
          ),
        )
        const password = tenant.secrets.get(secretRefs.connectionPassword(connection.id)) ?? credentials?.password ?? ''
        return session.login.start(url, credentials?.username ?? '', password)
      })
    },
    answer(tenant: Tenant, connection: Connection, _script: SourceScript, inputs: Record<string, unknown>) {
      let session = live.get(keyOf(tenant.key, connection.id))
      if (!session) {
        // The page is gone (the emulator restarted, say): the login cannot go on.
        session = { tenantKey: tenant.key, connectionId: connection.id, connected: false, closed: false, queue: Promise.resolve() }
        live.set(keyOf(tenant.key, connection.id), session)
        enqueue(session, async () => ({ kind: 'timeout', message: 'The browser page of this login is gone (the emulator restarted?); reopen the connection.' }))
        return
      }
      const s = session
      enqueue(s, async () => s.login?.answer(inputs) ?? { kind: 'timeout', message: 'The browser page of this login is gone.' })
    },
  }

  return {
    driver,
    /** Event hook: a connection that leaves connected/interaction_required closes its browser context. */
    onEvent(tenant: Tenant, event: DeckEvent) {
      if (!event.type.startsWith('connection.')) return
      const session = live.get(keyOf(tenant.key, String(event.data.id)))
      if (!session || !LEAVES.has(String(event.data.status))) return
      const dropped = session.connected && event.type === 'connection.disconnected'
      session.queue = session.queue.then(async () => {
        if (dropped) await session.login?.recordLoggedOut()
        await close(session)
      })
    },
    /** How many connections have a browser context open. */
    get open() {
      return live.size
    },
    /** Waits for every page action in flight (tests, benchmarks). */
    async idle() {
      await Promise.all([...live.values()].map((s) => s.queue))
    },
    async close() {
      await Promise.all([...live.values()].map((s) => close(s)))
    },
  }
}
