import { createRequire } from 'node:module'
import { systemClock } from './system-clock.js'
import { newId } from './domain/ids.js'
import { Rng, seedRng } from './domain/random.js'
import { createApp } from './http/app.js'
import { apiRouters, controlRouters } from './http/routes/index.js'
import { inProcessAnswer } from './adapters/in-process-chaos.js'
import { inProcessRequest } from './adapters/in-process-request.js'
import { webhookAttemptLog } from './log/webhook-attempt.js'
import { ChangeFeed } from './dashboard/changes.js'
import { lazyDashboardApp } from './dashboard/lazy.js'
import { UI_BASE } from './dashboard/auth.js'
import { createLogger, type Logger } from './log/logger.js'
import { BrowserPool } from './browser/browser-pool.js'
import { createBrowserLoginDriver } from './browser/login-driver.js'
import { createBrowserSessionLoginDriver } from './browser/session-login-driver.js'
import { createSourceSites } from './pages/site.js'
import { loginTimerHandlers } from './connections/login-runner.js'
import { reloadScenarios } from './control/scenario-reload.js'
import { Scheduler } from './tenant/scheduler.js'
import { clockControl } from './control/clock.js'
import { CONNECTION_TIMERS } from './connections/moves.js'
import { failRunsOnSessionEnd, holdIdleWhileRunning, taskRunTimerHandlers } from './task-runs/runner.js'
import { credentialTimerHandlers } from './credential-runs/timers.js'
import { ScreenshotStore } from './browser/screenshots.js'
import { FILES_BASE, installArtifacts } from './artifacts/install.js'
import type { Tenant, TenantHooks } from './tenant/tenant.js'
import { DEFAULT_MANUAL_START, Tenants } from './tenant/tenants.js'
import { defaultWaitConditions, requireEventType } from './control/wait-conditions.js'
import { credentialWaitConditions } from './control/credential-wait-conditions.js'
import { Waiters } from './tenant/waiters.js'
import { emptyDb } from './store/data.js'
import { MemoryStore, type Store } from './store/store.js'
import { installWebhooks, resolveWebhookConfig } from './webhooks/install.js'
import { rearmPending } from './webhooks/outbox.js'
import { deliveriesIdleCondition } from './webhooks/idle-condition.js'
import { findDelivered } from './webhooks/queries.js'
import { describeDestinations, withWebhookUrls } from './webhooks/scenario.js'
import { SCENARIO_APPLIERS } from './scenario/apply.js'

import type { ClockControl, Emulator, EmulatorOptions } from './emulator-types.js'
import { resolveApi, resolveRateLimit, resolveScenario, scenarioPathsOf, webhookSender } from './emulator-options.js'

export type { ClockControl, Emulator, EmulatorOptions }

export const DEFAULT_API_KEY = 'sk_test_emulator'
export const DEFAULT_BASE_URL = 'https://api.deck.co'

const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version

/** The composition root: the one place that knows every module. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const real = options.realClock ?? systemClock
  const apiSetting = resolveApi(options.api)
  const log = options.log ?? (() => {})
  const baseLogger = options.logger ?? createLogger({ write: log, defaultKey: DEFAULT_API_KEY })
  const scenarioPaths = scenarioPathsOf(options.scenario)
  let userScenario = await resolveScenario(options.scenario)
  const scenario = withWebhookUrls(userScenario, options.webhooks?.destinations)
  // The file store (WAL, snapshot, event file) and the HTTP server are imported when used:
  // an in-memory, in-process emulator (most test suites) loads neither.
  const store: Store = options.storage?.type === 'file'
    ? await (await import('./store/file-store.js')).FileStore.open(options.storage.path, options.storage.compactBytes ? { compactBytes: options.storage.compactBytes } : {})
    : new MemoryStore(emptyDb())
  const hooks: TenantHooks = {
    onEvent: [],
    timers: {
      ...loginTimerHandlers,
      ...taskRunTimerHandlers,
      ...credentialTimerHandlers,
      [CONNECTION_TIMERS.idle]: holdIdleWhileRunning(loginTimerHandlers[CONNECTION_TIMERS.idle]!),
    },
    onConnectionMoved: [
      (tenant, connection, from) => baseLogger.transition(tenant.key, connection, from, tenant.nowIso()),
      failRunsOnSessionEnd,
    ],
    loginDrivers: {},
  }
  const tenants = new Tenants(store, real, hooks, {
    seed: options.seed ?? 0,
    clock: options.clock ?? 'system',
    manualStart: options.clockStart ? Date.parse(options.clockStart) : DEFAULT_MANUAL_START,
    scenario,
    ...(apiSetting ? { api: apiSetting } : {}),
  })
  tenants.appliers.push(...SCENARIO_APPLIERS)
  const webhooks = installWebhooks({
    hooks,
    real,
    isCurrent: (tenant) => tenants.get(tenant.key) === tenant,
    settle: (tenant) => settle(tenant),
    log,
    config: resolveWebhookConfig({ ...options.webhooks, ...webhookSender(options) }),
    onAttempt: (tenant, request, result, delivery) => logger.webhookAttempt(webhookAttemptLog(tenant.key, request, result, delivery)),
  })
  const anonymousRng = new Rng(seedRng(`anonymous:${options.seed ?? 0}`))
  const changes = new ChangeFeed((key) => tenants.get(key))
  const logger: Logger = {
    ...baseLogger,
    webhookAttempt(attempt) {
      baseLogger.webhookAttempt(attempt)
      changes.poke(attempt.tenant, true)
    },
  }

  const waiters = new Waiters((key) => tenants.get(key))
  const waitConditions = { ...defaultWaitConditions(), ...credentialWaitConditions() }
  waitConditions.delivery = {
    check: (tenant, query) => (requireEventType(query.delivery!, 'delivery'), findDelivered(tenant, query.delivery!)),
    describe: (_tenant, query) => `no successful ${query.delivery} delivery yet`,
  }
  waitConditions.deliveries = deliveriesIdleCondition
  const afterCommit = (tenant: Tenant) => {
    artifacts.flush()
    scheduler.arm(tenant)
    waiters.notify(tenant)
    changes.poke(tenant.key)
  }
  // After every authenticated request: when nothing is left to write (a GET, the memory store)
  // there is no commit to wait for, so no promise and no extra tick on the hot read path.
  const settleRequest = (tenant: Tenant): Promise<void> | undefined => {
    tenant.runDue()
    if (store.clean) {
      afterCommit(tenant)
      return undefined
    }
    return store.commit().then(() => afterCommit(tenant))
  }
  const settle = async (tenant: Tenant): Promise<void> => {
    await settleRequest(tenant)
  }
  const scheduler = new Scheduler(async (tenant) => {
    try {
      await settle(tenant)
    } catch (error) {
      log(`timer run failed for tenant ${tenant.key.slice(0, 12)}…: ${(error as Error).message}`)
    }
  })

  // Fake source websites and the browser login driver (playwright-core is imported on first use only).
  const defaultKey = options.keys?.[0] ?? DEFAULT_API_KEY
  const sites = createSourceSites({ tenants, defaultKey })
  const screenshots = new ScreenshotStore()
  const pool = new BrowserPool(options.chromium, log)
  let loopback: Promise<{ url: string }> | undefined
  const browserLogins = createBrowserLoginDriver({
    tenants, pool, screenshots, settle, log,
    // The browser needs a real address: the first listening server, else a loopback listener of its own.
    siteOrigin: async () => servers[0] ? browserUrl(servers[0].url) : (await (loopback ??= emulator.listen(0, '127.0.0.1'))).url,
  })
  hooks.loginDrivers!.browser = browserLogins.driver
  // Stored files and screenshots: bytes beside the database (or in memory), served under /_files by signed URL.
  const artifacts = installArtifacts({
    storagePath: options.storage?.type === 'file' ? options.storage.path : undefined,
    hooks, screenshots, tenants, store, requestId: () => newId(anonymousRng, 'request'),
  })
  hooks.onEvent.push(sites.onEvent, browserLogins.onEvent)
  const browserSessions = createBrowserSessionLoginDriver({
    tenants, pool, screenshots, settle, log,
    siteOrigin: async () => servers[0] ? browserUrl(servers[0].url) : (await (loopback ??= emulator.listen(0, '127.0.0.1'))).url,
  })
  hooks.sessionLoginDrivers = { browser: browserSessions.driver }
  hooks.onEvent.push(browserSessions.onEvent)

  const app = createApp({
    tenants,
    ...(options.keys ? { keys: new Set(options.keys) } : {}),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ...(resolveRateLimit(options.rateLimit) ? { rateLimit: resolveRateLimit(options.rateLimit)! } : {}),
    api: apiRouters,
    control: controlRouters({ tenants, waiters, waitConditions, screenshots }),
    settle: settleRequest,
    anonymousRequestId: () => newId(anonymousRng, 'request'),
    log,
    version: VERSION,
    mounts: [
      { path: '/_sources', app: sites.app },
      { path: FILES_BASE, app: artifacts.app },
      { path: UI_BASE, app: lazyDashboardApp({ tenants, ...(options.keys ? { keys: new Set(options.keys) } : {}), fetch: (input, init) => fetch(input, init), changes }) },
    ],
  })

  // Catch up on whatever fell due while the emulator was down, and re-arm.
  // Deliveries that were in flight when the process died are sent again (at-least-once).
  for (const tenant of tenants.all()) rearmPending(tenant)
  for (const tenant of tenants.all()) tenant.runDue()
  await store.commit()
  for (const tenant of tenants.all()) scheduler.arm(tenant)

  const servers: { url: string; close(): Promise<void> }[] = []
  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    // A connection fault (README "Chaos faults") rejects or breaks the body, as a real fetch would.
    return inProcessAnswer(await app.fetch(inProcessRequest(input, init, 'http://deck-emulator.local')))
  }

  const emulator: Emulator = {
    fetch,
    defaultKey: DEFAULT_API_KEY,
    get scenario() {
      // What the user loaded (latest good version); --webhook destinations are added on top of it.
      return userScenario
    },
    scenarioPaths,
    logger,
    notifyChange: (key) => changes.poke(key, true),
    async reloadScenario() {
      // CLI --webhook destinations stay in force across reloads.
      const result = await reloadScenarios(tenants, scenarioPaths, (doc) => {
        userScenario = doc
        return withWebhookUrls(doc, options.webhooks?.destinations)!
      })
      if (result.ok) {
        for (const key of result.tenants) {
          scheduler.arm(tenants.get(key))
          changes.poke(key, true)
        }
        await store.commit()
      }
      return result
    },
    store,
    tenants,
    app,
    waitConditions,
    sendWebhook: options.sendWebhook,
    webhooksIdle: () => webhooks.idle(),
    destinations: describeDestinations(scenario, options.seed ?? 0),
    async listen(port = 0, host = '127.0.0.1') {
      const { listen } = await import('./adapters/node-server.js')
      const server = await listen(app.fetch, port, host)
      servers.push(server)
      return server
    },
    async reset(key?: string) {
      const keys = key ? [key] : Object.keys(store.data.tenants)
      for (const k of keys) scheduler.arm(tenants.reset(k))
      await store.commit()
      for (const k of keys) waiters.notify(tenants.get(k))
    },
    clock: clockControl(tenants, settle, real, DEFAULT_API_KEY),
    browser: {
      get source() { return pool.source },
      get executable() { return pool.executable },
      get open() { return browserLogins.open + browserSessions.open },
      idle: async () => { await Promise.all([browserLogins.idle(), browserSessions.idle()]) },
    },
    async close() {
      scheduler.close()
      waiters.close()
      changes.close()
      await browserLogins.close()
      await browserSessions.close()
      await pool.close()
      await webhooks.close()
      await Promise.all(servers.map((s) => s.close()))
      await store.close()
    },
  }
  return emulator
}

/** A wildcard bind address is not somewhere a browser can go: use loopback. */
function browserUrl(url: string): string {
  return url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:')
}
