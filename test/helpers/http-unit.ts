// What the colocated unit tests of http/pipeline.ts and http/middleware/* share: real tenants on a memory
// store and a manual clock, and a tiny Hono app (hono's own middleware tests do the same with app.request).
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../src/http/env.js'
import { renderError } from '../../src/http/errors.js'
import { parseScenario } from '../../src/scenario/load.js'
import { emptyDb } from '../../src/store/data.js'
import { MemoryStore } from '../../src/store/store.js'
import { DEFAULT_MANUAL_START, Tenants } from '../../src/tenant/tenants.js'

export const KEY = 'sk_test_unit_a'
export const auth = (key = KEY): Record<string, string> => ({ authorization: `Bearer ${key}` })
export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { ...auth(), 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})

/** Tenants on a memory store, manual clocks at DEFAULT_MANUAL_START, optionally loaded with a scenario (YAML). */
export function unitTenants(scenario?: string): Tenants {
  const real = { now: () => DEFAULT_MANUAL_START }
  return new Tenants(
    new MemoryStore(emptyDb()),
    real,
    { onEvent: [], timers: {} },
    {
      seed: 1,
      clock: 'manual',
      manualStart: DEFAULT_MANUAL_START,
      scenario: scenario ? parseScenario(`name: unit\n${scenario}`, 'unit scenario') : null,
    },
  )
}

/** The app's error renderer, with fixed request ids for requests that never reached a tenant. */
export const unitRenderError = renderError(
  (c) => c.get('requestId') ?? 'req_anonymous',
  () => {},
)

/** A Hono app whose every request runs `handler`; errors are rendered as Deck envelopes (as app.onError does). */
export function stepApp(handler: (c: Context<AppEnv>) => Response | Promise<Response>): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  app.onError(unitRenderError)
  app.all('*', handler)
  return app
}

export const errorOf = async (res: Response) => ((await res.json()) as { errors: { type: string; code: string; message: string; field?: string }[] }).errors[0]!
