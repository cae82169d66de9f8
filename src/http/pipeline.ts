import type { Context, MiddlewareHandler, Next } from 'hono'
import type { Tenant } from '../services/tenant.js'
import type { Tenants } from '../services/tenants.js'
import type { AppEnv } from './env.js'
import { authenticator } from './middleware/auth.js'
import { readBody } from './middleware/body.js'
import { applyFaults } from './middleware/faults.js'
import { idempotency, MUTATING } from './middleware/idempotency.js'
import { recordJournal } from './middleware/journal.js'
import { checkRateLimit, type RateLimit } from './middleware/rate-limit.js'

export interface PipelineDeps {
  tenants: Tenants
  keys?: ReadonlySet<string> | undefined
  bodyLimit: number
  rateLimit?: RateLimit | undefined
  /** Runs what fell due and makes the request durable; no promise when there was nothing to wait for. */
  settle(tenant: Tenant): Promise<void> | undefined
  /** The app's error renderer (the same one `app.onError` uses). */
  renderError(error: Error, c: Context<AppEnv>): Response
  /** Routes that need no key (API descriptions, health): only `finish` applies. */
  isPublic(c: Context<AppEnv>): boolean
  /** Runs on every response once the route (and settle) are done: the standard headers. */
  finish(c: Context<AppEnv>): void
}

// The dashboard (/_emulator/ui) authenticates itself: a browser cannot send a Bearer header when it navigates.
const isDashboard = (path: string) => path === '/_emulator/ui' || path.startsWith('/_emulator/ui/')
export const isProtected = (path: string) =>
  path.startsWith('/v2/') || path === '/v2' || (path.startsWith('/_emulator/') && path !== '/_emulator/health' && !isDashboard(path))
const isApi = (path: string) => path.startsWith('/v2/') || path === '/v2'

/**
 * Every request goes through this one Hono layer; an authenticated one runs
 * auth → due timers → [Deck API only: journal → rate limit] → body →
 * [Deck API only: faults → idempotency (mutations only)] → route → settle,
 * then every response gets its standard headers (`finish`).
 * It replaces a chain of seven layers: each costs an async call, a `next`
 * closure and promise hops per request, which showed on the read path
 * (bench/, read phase: 0.3× → 0.7× of bare Hono). Steps with nothing to
 * wait for (a GET's body, no fault delay, a clean store) run synchronously,
 * and the Deck API path is inline (no nested async call).
 *
 * Errors keep the chain's semantics: an error thrown by a step or by the
 * route becomes the response right where it is thrown (as Hono's compose
 * does at the layer that throws), so the journal records it and settle runs;
 * an auth error, or one thrown by settle, is rendered by Hono around this
 * layer (the renderer sets the standard headers itself).
 */
export function protectedPipeline(deps: PipelineDeps): MiddlewareHandler<AppEnv> {
  const authenticate = authenticator(deps.tenants, deps.keys)
  const idempotent = idempotency()

  const fail = (c: Context<AppEnv>, error: unknown): void => {
    if (!(error instanceof Error)) throw error
    c.error = error
    c.res = deps.renderError(error, c)
  }

  const control = async (c: Context<AppEnv>, next: Next, path: string): Promise<void> => {
    try {
      // The scenario upload reads its own body (YAML or JSON).
      if (!(c.req.method === 'PUT' && path === '/_emulator/scenario')) {
        const reading = readBody(c, deps.bodyLimit)
        if (reading) await reading
      }
      await next()
    } catch (error) {
      fail(c, error)
    }
  }

  return async (c, next) => {
    const path = c.req.path
    if (!isProtected(path) || deps.isPublic(c)) {
      await next()
      deps.finish(c)
      return
    }
    const tenant = authenticate(c)
    tenant.runDue()
    try {
      if (isApi(path)) {
        const started = performance.now()
        const at = tenant.nowIso()
        try {
          checkRateLimit(tenant, deps.rateLimit)
          const reading = readBody(c, deps.bodyLimit)
          if (reading) await reading
          // Faults after the body is read, so the journal shows what a faulted request sent.
          const delayed = applyFaults(c, tenant)
          if (delayed) await delayed
          if (MUTATING.has(c.req.method)) await idempotent(c, next)
          else await next()
        } catch (error) {
          fail(c, error)
        } finally {
          recordJournal(c, tenant, started, at)
        }
      } else {
        await control(c, next, path)
      }
    } finally {
      // Settle the key's current tenant: this request (or another one, during
      // a long-poll) may have swapped it (reset, scenario load).
      const settling = deps.settle(deps.tenants.get(c.get('tenant').key))
      if (settling) await settling
    }
    deps.finish(c)
  }
}
