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
import { afterWebhookAttempt, createLogger } from './log/logger.js'
import { browserSiteOrigin, installBrowser } from './browser/install.js'
import { createSourceSites } from './pages/site.js'
import { scenarioReloader } from './control/scenario-reloader.js'
import { tenantReset } from './control/reset.js'
import { clockControl } from './control/clock.js'
import { emulatorWaitConditions } from './control/emulator-wait-conditions.js'
import { FILES_BASE, installArtifacts } from './artifacts/install.js'
import { Settle } from './tenant/settle.js'
import { DEFAULT_MANUAL_START, Tenants } from './tenant/tenants.js'
import { Waiters } from './tenant/waiters.js'
import { installWebhooks, resolveWebhookConfig } from './webhooks/install.js'
import { rearmPending } from './webhooks/outbox.js'
import { describeDestinations, withWebhookUrls } from './webhooks/scenario.js'
import { SCENARIO_APPLIERS } from './scenario/apply.js'
import { resourceHooks } from './emulator-hooks.js'
import type { ClockControl, Emulator, EmulatorOptions } from './emulator-types.js'
import { resolveApi, resolveRateLimit, resolveScenario, resolveStore, scenarioPathsOf, webhookSender } from './emulator-options.js'

export type { ClockControl, Emulator, EmulatorOptions }

export const DEFAULT_API_KEY = 'sk_test_emulator'
export const DEFAULT_BASE_URL = 'https://api.deck.co'

const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version

/**
 * The composition root: the one place that knows every module. It only
 * wires; what happens after a change (run due, commit, re-arm, notify) is
 * the core's (tenant/settle.ts).
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const real = options.realClock ?? systemClock
  const apiSetting = resolveApi(options.api)
  const log = options.log ?? (() => {})
  const baseLogger = options.logger ?? createLogger({ write: log, defaultKey: DEFAULT_API_KEY })
  const scenarioPaths = scenarioPathsOf(options.scenario)
  let userScenario = await resolveScenario(options.scenario)
  const scenario = withWebhookUrls(userScenario, options.webhooks?.destinations)
  const store = await resolveStore(options.storage)
  const hooks = resourceHooks(baseLogger)
  const tenants = new Tenants(store, real, hooks, {
    seed: options.seed ?? 0,
    clock: options.clock ?? 'system',
    manualStart: options.clockStart ? Date.parse(options.clockStart) : DEFAULT_MANUAL_START,
    scenario,
    ...(apiSetting ? { api: apiSetting } : {}),
  })
  tenants.appliers.push(...SCENARIO_APPLIERS)
  const settle = new Settle(store, log)
  const webhooks = installWebhooks({
    hooks,
    real,
    isCurrent: (tenant) => tenants.get(tenant.key) === tenant,
    settle: settle.settle,
    log,
    config: resolveWebhookConfig({ ...options.webhooks, ...webhookSender(options) }),
    onAttempt: (tenant, request, result, delivery) => logger.webhookAttempt(webhookAttemptLog(tenant.key, request, result, delivery)),
  })
  const anonymousRng = new Rng(seedRng(`anonymous:${options.seed ?? 0}`))
  const requestId = () => newId(anonymousRng, 'request')
  const changes = new ChangeFeed((key) => tenants.get(key))
  const logger = afterWebhookAttempt(baseLogger, (attempt) => changes.poke(attempt.tenant, true))
  const waiters = new Waiters((key) => tenants.get(key))
  const waitConditions = emulatorWaitConditions()

  // Fake source websites, and the real-browser login drivers that visit them.
  const servers: { url: string; close(): Promise<void> }[] = []
  const sites = createSourceSites({ tenants, defaultKey: options.keys?.[0] ?? DEFAULT_API_KEY })
  const browser = installBrowser({
    tenants,
    hooks,
    settle: settle.settle,
    log,
    chromium: options.chromium,
    siteOrigin: browserSiteOrigin(servers, () => emulator.listen(0, '127.0.0.1')),
  })
  // Stored files and screenshots: bytes beside the database (or in memory), served under /_files by signed URL.
  const artifacts = installArtifacts({
    storagePath: options.storage?.type === 'file' ? options.storage.path : undefined,
    hooks,
    screenshots: browser.screenshots,
    tenants,
    store,
    requestId,
  })
  hooks.onEvent.push(sites.onEvent, ...browser.onEvent)
  settle.onDurable.push(() => artifacts.flush())
  settle.onSettled.push(
    (tenant) => waiters.notify(tenant),
    (tenant) => changes.poke(tenant.key),
  )

  const keys = options.keys ? { keys: new Set(options.keys) } : {}
  const rateLimit = resolveRateLimit(options.rateLimit)
  const app = createApp({
    tenants,
    ...keys,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ...(rateLimit ? { rateLimit } : {}),
    api: apiRouters,
    control: controlRouters({ tenants, waiters, waitConditions, screenshots: browser.screenshots }),
    settle: settle.request,
    anonymousRequestId: requestId,
    log,
    version: VERSION,
    mounts: [
      { path: '/_sources', app: sites.app },
      { path: FILES_BASE, app: artifacts.app },
      { path: UI_BASE, app: lazyDashboardApp({ tenants, ...keys, fetch: (input, init) => fetch(input, init), changes }) },
    ],
  })

  // Catch up on whatever fell due while the emulator was down, and re-arm.
  // Deliveries that were in flight when the process died are sent again (at-least-once).
  await settle.catchUp(tenants.all(), [rearmPending])

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
    reloadScenario: scenarioReloader({
      tenants,
      paths: scenarioPaths,
      settle,
      changed: (key) => changes.poke(key, true),
      // CLI --webhook destinations stay in force across reloads.
      complete: (doc) => withWebhookUrls((userScenario = doc), options.webhooks?.destinations)!,
    }),
    store,
    tenants,
    app,
    waitConditions,
    sendWebhook: options.sendWebhook,
    webhooksIdle: () => webhooks.idle(),
    destinations: describeDestinations(scenario, options.seed ?? 0),
    async listen(port = 0, host = '127.0.0.1') {
      // The HTTP server is imported when used: an in-process emulator never loads it.
      const { listen } = await import('./adapters/node-server.js')
      const server = await listen(app.fetch, port, host)
      servers.push(server)
      return server
    },
    reset: tenantReset({ store, tenants, settle, waiters }),
    clock: clockControl(tenants, settle.settle, DEFAULT_API_KEY),
    browser: browser.status,
    async close() {
      settle.close()
      waiters.close()
      changes.close()
      await browser.close()
      await webhooks.close()
      await Promise.all(servers.map((s) => s.close()))
      await store.close()
    },
  }
  return emulator
}
