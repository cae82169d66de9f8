import { createRequire } from 'node:module'
import { serve } from '@hono/node-server'
import { systemClock, type Clock, type ClockMode } from './domain/clock.js'
import { parseDuration } from './domain/duration.js'
import { newId } from './domain/ids.js'
import { Rng, seedRng } from './domain/random.js'
import { createApp } from './http/app.js'
import type { RateLimit } from './http/middleware/rate-limit.js'
import { connectionRoutes } from './http/routes/connections.js'
import { controlRoutes } from './http/routes/control.js'
import { sourceRoutes } from './http/routes/sources.js'
import { loadScenarios, parseScenario } from './scenario/load.js'
import type { ScenarioDoc } from './scenario/types.js'
import { loginTimerHandlers } from './services/login-runner.js'
import { Scheduler } from './services/scheduler.js'
import type { Tenant, TenantHooks } from './services/tenant.js'
import { DEFAULT_MANUAL_START, Tenants } from './services/tenants.js'
import { emptyDb } from './store/data.js'
import { FileStore } from './store/file-store.js'
import { MemoryStore, type Store } from './store/store.js'

export const DEFAULT_API_KEY = 'sk_test_emulator'
export const DEFAULT_BASE_URL = 'https://api.deck.co'

export interface EmulatorOptions {
  /** Scenario file/dir path(s), YAML text, or a scenario object. Loaded into every tenant. */
  scenario?: string | string[] | Record<string, unknown>
  /** Seed for IDs and fake data. @default 0 */
  seed?: number | string
  /** Clock mode of new tenants (a scenario's `clock:` wins). @default 'system' */
  clock?: ClockMode
  /** Where a manual clock starts (ISO string). @default '2026-01-01T00:00:00.000Z' */
  clockStart?: string
  /** `{ type: 'file', path }` to persist; memory by default for the library. */
  storage?: { type: 'memory' } | { type: 'file'; path: string; /** Compact the WAL into the snapshot past this size. @default 64 MiB */ compactBytes?: number }
  /** Accept only these API keys (default: any well-formed sk_test_/sk_live_ key). */
  keys?: string[]
  /** Deck's 200 requests / 10 s per tenant; off by default. */
  rateLimit?: boolean | { requests: number; per: string | number }
  /** Request body limit in bytes. @default 1 MiB */
  bodyLimit?: number
  /** Where log lines go. @default nowhere */
  log?: (line: string) => void
  /** The real time source (tests inject one). */
  realClock?: Clock
}

export interface ClockControl {
  now(key?: string): string
  advance(by: string | number, key?: string): Promise<string>
  set(mode: ClockMode, key?: string, now?: string): Promise<string>
}

export interface Emulator {
  /** Handles a request in-process. Paths or any origin are accepted: `emu.fetch('/v2/sources')`. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>
  listen(port?: number, host?: string): Promise<{ url: string; port: number; close(): Promise<void> }>
  /** Resets one tenant (default: all) to its loaded scenario. */
  reset(key?: string): Promise<void>
  clock: ClockControl
  close(): Promise<void>
  readonly defaultKey: string
  readonly scenario: ScenarioDoc | null
  readonly store: Store
  /** Internal: the tenant registry (for adapters and tests). */
  readonly tenants: Tenants
}

const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version

async function resolveScenario(input: EmulatorOptions['scenario']): Promise<ScenarioDoc | null> {
  if (input === undefined) return null
  if (typeof input === 'object' && !Array.isArray(input)) return parseScenario(JSON.stringify(input), '<scenario object>')
  if (typeof input === 'string' && /\n/.test(input)) return parseScenario(input, '<scenario text>')
  return (await loadScenarios(Array.isArray(input) ? input : [input])).scenario
}

function resolveRateLimit(option: EmulatorOptions['rateLimit']): RateLimit | undefined {
  if (!option) return undefined
  if (option === true) return { requests: 200, per: 10_000 }
  return { requests: option.requests, per: parseDuration(option.per) ?? 10_000 }
}

/** The composition root: the one place that knows every module. */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const real = options.realClock ?? systemClock
  const log = options.log ?? (() => {})
  const scenario = await resolveScenario(options.scenario)
  const store: Store = options.storage?.type === 'file' ? await FileStore.open(options.storage.path, options.storage.compactBytes ? { compactBytes: options.storage.compactBytes } : {}) : new MemoryStore(emptyDb())
  const hooks: TenantHooks = { onEvent: [], timers: { ...loginTimerHandlers } }
  const tenants = new Tenants(store, real, hooks, {
    seed: options.seed ?? 0,
    clock: options.clock ?? 'system',
    manualStart: options.clockStart ? Date.parse(options.clockStart) : DEFAULT_MANUAL_START,
    scenario,
  })
  const anonymousRng = new Rng(seedRng(`anonymous:${options.seed ?? 0}`))

  const settle = async (tenant: Tenant) => {
    tenant.runDue()
    await store.commit()
    scheduler.arm(tenant)
  }
  const scheduler = new Scheduler(async (tenant) => {
    try {
      await settle(tenant)
    } catch (error) {
      log(`timer run failed for tenant ${tenant.key.slice(0, 12)}…: ${(error as Error).message}`)
    }
  })

  const app = createApp({
    tenants,
    ...(options.keys ? { keys: new Set(options.keys) } : {}),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ...(resolveRateLimit(options.rateLimit) ? { rateLimit: resolveRateLimit(options.rateLimit)! } : {}),
    api: [sourceRoutes, connectionRoutes],
    control: [controlRoutes(tenants)],
    settle,
    anonymousRequestId: () => newId(anonymousRng, 'request'),
    log,
    version: VERSION,
  })

  // Catch up on whatever fell due while the emulator was down, and re-arm.
  for (const tenant of tenants.all()) tenant.runDue()
  await store.commit()
  for (const tenant of tenants.all()) scheduler.arm(tenant)

  const servers: { close(): Promise<void> }[] = []
  const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://deck-emulator.local'), init)
    return app.fetch(request)
  }

  const withTenant = async <T>(key: string, fn: (tenant: Tenant) => T): Promise<T> => {
    const tenant = tenants.get(key)
    const result = fn(tenant)
    await settle(tenant)
    return result
  }

  return {
    fetch,
    defaultKey: DEFAULT_API_KEY,
    scenario,
    store,
    tenants,
    async listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
          const url = `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`
          const handle = {
            url,
            port: info.port,
            close: () => new Promise<void>((done) => {
              server.close(() => done())
              ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
            }),
          }
          servers.push(handle)
          resolve(handle)
        })
        server.once('error', reject)
      })
    },
    async reset(key?: string) {
      const keys = key ? [key] : Object.keys(store.data.tenants)
      for (const k of keys) scheduler.arm(tenants.reset(k))
      await store.commit()
    },
    clock: {
      now: (key = DEFAULT_API_KEY) => tenants.get(key).nowIso(),
      advance: (by, key = DEFAULT_API_KEY) => withTenant(key, (tenant) => {
        const ms = parseDuration(by)
        if (ms === undefined) throw new TypeError(`Not a duration: ${String(by)} (use 150ms, 5s, 10m, 1h)`)
        tenant.advance(ms)
        return tenant.nowIso()
      }),
      set: (mode, key = DEFAULT_API_KEY, now) => withTenant(key, (tenant) => {
        const at = now ? Date.parse(now) : tenant.now()
        tenant.data.clock = mode === 'manual' ? { mode, now: at, offset: 0 } : { mode, now: at, offset: at - real.now() }
        return tenant.nowIso()
      }),
    },
    async close() {
      scheduler.close()
      await Promise.all(servers.map((s) => s.close()))
      await store.close()
    },
  }
}
