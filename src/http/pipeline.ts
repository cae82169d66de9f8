import type { Context } from 'hono'
import type { Tenant } from '../tenant/tenant.js'
import type { Tenants } from '../tenant/tenants.js'
import type { AppEnv } from './env.js'
import { authenticator } from './middleware/auth.js'
import { readBody, readLimitedText } from './middleware/body.js'
import { breakAnswer } from './chaos.js'
import { applyFaults, takeNetworkEffect } from './middleware/faults.js'
import { idempotency, MUTATING } from './middleware/idempotency.js'
import { recordJournal } from './middleware/journal.js'
import { checkRateLimit, type RateLimit } from './middleware/rate-limit.js'

/** A scenario is bigger than an API body but still a test fixture: 4 MiB (or the body limit, if larger). */
export const SCENARIO_LIMIT = 4 * 1024 * 1024

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
  /** The standard headers on a response that lacks them (returns the response to send). */
  finish(c: Context<AppEnv>, res: Response): Response
}

/** A route's own work, once the pipeline has let the request through. */
export type Run = () => Answer
export type Answer = Response | Promise<Response>
/** Wraps a route (or the not-found answer) in the request pipeline. */
export type Pipeline = (c: Context<AppEnv>, run: Run) => Answer

// The dashboard (/_emulator/ui) authenticates itself: a browser cannot send a Bearer header when it navigates.
const isDashboard = (path: string) => path === '/_emulator/ui' || path.startsWith('/_emulator/ui/')
const isProtected = (path: string) =>
  path.startsWith('/v2/') || path === '/v2' || (path.startsWith('/_emulator/') && path !== '/_emulator/health' && !isDashboard(path))
const isApi = (path: string) => path.startsWith('/v2/') || path === '/v2'

/** `f(answer)`, synchronously when the answer is already there: no promise, no tick. */
const then = (answer: Answer, f: (res: Response) => Answer): Answer => (answer instanceof Promise ? answer.then(f) : f(answer))

/**
 * Every route runs inside this one function (not a Hono middleware): an
 * authenticated request goes auth → due timers → [Deck API only: rate limit]
 * → body → [Deck API only: faults → idempotency (mutations only)] → route
 * → [Deck API only: journal] → settle → standard headers.
 *
 * Why not Hono middleware: `app.use()` puts a second handler on every route,
 * and Hono then runs the route through its async `compose`, so every answer
 * costs several promise hops and @hono/node-server writes it from a
 * microtask. With one handler per route Hono calls it directly, and a request
 * with nothing to wait for (a GET: no body, no fault delay, nothing to write)
 * is answered synchronously (bench/, read phase; measured with wrk as well).
 *
 * Errors: an error thrown by a step or by the route becomes the response
 * where it is thrown, so the journal records it and settle runs; an auth
 * error, or one thrown by settle, is rendered by Hono's `onError` (the
 * renderer sets the standard headers itself).
 */
export function requestPipeline(deps: PipelineDeps): Pipeline {
  const authenticate = authenticator(deps.tenants, deps.keys)
  const idempotent = idempotency()

  const fail = (c: Context<AppEnv>, error: unknown): Response => {
    if (!(error instanceof Error)) throw error
    c.error = error
    return deps.renderError(error, c)
  }
  /** `answer`, with a rejection rendered as the error response. */
  const caught = (c: Context<AppEnv>, answer: Answer): Answer => (answer instanceof Promise ? answer.catch((error: unknown) => fail(c, error)) : answer)

  const afterBody = (c: Context<AppEnv>, tenant: Tenant, run: Run): Answer => {
    // Faults after the body is read, so the journal shows what a faulted request sent.
    const delayed = applyFaults(c, tenant)
    const go = (): Answer => (MUTATING.has(c.req.method) ? idempotent(c, run) : run())
    return delayed ? delayed.then(go) : go()
  }

  const api = (c: Context<AppEnv>, tenant: Tenant, run: Run): Answer => {
    const started = performance.now()
    const at = tenant.now()
    let answer: Answer
    try {
      checkRateLimit(tenant, deps.rateLimit)
      const reading = readBody(c, deps.bodyLimit)
      answer = caught(c, reading ? reading.then(() => afterBody(c, tenant, run)) : afterBody(c, tenant, run))
    } catch (error) {
      answer = fail(c, error)
    }
    return then(answer, (res) => {
      recordJournal(c, res, tenant, started, at)
      // Connection and body faults break the answer after the journal has it (http/chaos.ts).
      const network = c.get('faultEffects') && takeNetworkEffect(c)
      return network ? breakAnswer(res, network) : res
    })
  }

  const control = (c: Context<AppEnv>, path: string, run: Run): Answer => {
    try {
      // The scenario upload is YAML or JSON text: read here with its own cap, parsed by the route (`c.get('text')`).
      const reading =
        c.req.method === 'PUT' && path === '/_emulator/scenario'
          ? readLimitedText(c, Math.max(deps.bodyLimit, SCENARIO_LIMIT)).then((text) => void c.set('text', text))
          : readBody(c, deps.bodyLimit)
      return caught(c, reading ? reading.then(run) : run())
    } catch (error) {
      return fail(c, error)
    }
  }

  return (c, run) => {
    const path = c.req.path
    if (!isProtected(path) || deps.isPublic(c)) return then(run(), (res) => deps.finish(c, res))
    const tenant = authenticate(c)
    tenant.runDue()
    const answer = isApi(path) ? api(c, tenant, run) : control(c, path, run)
    return then(answer, (res) => {
      // Settle the key's current tenant: this request (or another one, during
      // a long-poll) may have swapped it (reset, scenario load).
      const settling = deps.settle(deps.tenants.get(c.get('tenant').key))
      return settling ? settling.then(() => deps.finish(c, res)) : deps.finish(c, res)
    })
  }
}
