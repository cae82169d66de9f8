import { Hono, type Context } from 'hono'
import * as z from 'zod'
import { errors } from '../domain/errors.js'
import { API_SETTINGS, serves, type ApiSetting } from '../domain/generation.js'
import { assertServes } from '../tenant/generation.js'
import type { Tenant } from '../tenant/tenant.js'
import type { Tenants } from '../tenant/tenants.js'
import type { AppEnv } from './env.js'
import { renderError } from './errors.js'
import { KEY_PATTERN } from '../domain/api-key.js'
import type { RateLimit } from './middleware/rate-limit.js'
import { openApiDocument, type OpenApiDoc } from './openapi.js'
import { requestPipeline } from './pipeline.js'
import { referencePage } from './reference-page.js'
import { Router } from './route.js'
import { ErrorEnvelope } from './schemas/common.js'
import { hasStandardHeaders } from './respond.js'
import { routeTable } from './route-table.js'

export interface AppDeps {
  tenants: Tenants
  keys?: ReadonlySet<string>
  bodyLimit: number
  rateLimit?: RateLimit
  /** Deck API routers (under /v2) and control-plane routers (under /_emulator). */
  api: Router[]
  control: Router[]
  /** Runs what fell due, makes the request's changes durable, re-arms timers (no promise when nothing was left to write). */
  settle(tenant: Tenant): Promise<void> | undefined
  /** Request ids for requests that never reach a tenant (e.g. 401). */
  anonymousRequestId(): string
  log(message: string): void
  /** Extra sub-apps mounted as they are (fake source sites, dashboard). */
  mounts?: { path: string; app: Hono<any> }[]
  version: string
}

const OpenApiQuery = z.object({
  api: z.enum(API_SETTINGS).optional().describe('Describe one generation: `connections` or `credentials` (`both`: everything)'),
})

const OpenApiJson = z
  .object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }).loose(), paths: z.record(z.string(), z.unknown()) })
  .loose()

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const requestId = (c: Context<AppEnv>) => {
    let id = c.get('requestId')
    if (!id) c.set('requestId', (id = deps.anonymousRequestId()))
    return id
  }
  const table = routeTable([...deps.api, ...deps.control])

  // The API descriptions (and health) are routes like any other, so they are documented too;
  // they need no key (see `isPublic` below).
  const apiInfo = { title: 'Deck API v2 (deck-emulator)', version: deps.version, description: 'The Deck API as deck-emulator serves it.' }
  const controlInfo = {
    title: 'deck-emulator control plane',
    version: deps.version,
    description: "Emulator-only routes under /_emulator; each acts on the caller's tenant (API key).",
  }
  const apiMeta: Router = new Router('/v2', 'Meta').add({
    method: 'get',
    path: '/openapi.json',
    summary: "This OpenAPI document: the routes the caller's tenant serves (its API generation), or one generation with `?api=`",
    public: true,
    query: OpenApiQuery,
    responses: { 200: { description: 'OpenAPI 3.1', schema: OpenApiJson }, 400: { description: 'Unknown `api` value', schema: ErrorEnvelope } },
    handler: (c, { query }): Response => c.json(apiDoc(query.api ?? callerApi(c))),
  })
  const controlMeta: Router = new Router('/_emulator', 'Control plane: meta')
    .add({
      method: 'get',
      path: '/health',
      summary: 'Readiness (no auth)',
      public: true,
      responses: { 200: { description: 'Ready', schema: z.object({ status: z.literal('ok') }) } },
      handler: (c) => c.json({ status: 'ok' }),
    })
    .add({
      method: 'get',
      path: '/openapi.json',
      summary: 'This OpenAPI document',
      public: true,
      responses: { 200: { description: 'OpenAPI 3.1', schema: OpenApiJson } },
      handler: (c): Response => c.json(controlDoc()),
    })
    .add({
      method: 'get',
      path: '/docs',
      summary: 'Readable API reference (HTML, offline) of the Deck API and the control plane',
      public: true,
      responses: { 200: { description: 'HTML page', contentType: 'text/html' } },
      handler: (c) => c.html(referencePage([apiDoc(), controlDoc()])),
    })
  // The document describes what a tenant serves (deck-api-credentials.md §0): the
  // caller's when it sends a key (the route needs none), else new tenants' default.
  const apiDoc = (setting: ApiSetting = deps.tenants.apiOf()): OpenApiDoc =>
    openApiDocument([...deps.api, apiMeta], { ...apiInfo, description: `${apiInfo.description} Generation: ${setting}.` }, [{ url: '/' }], (route) =>
      serves(setting, route.generationTag),
    )
  const callerApi = (c: Context<AppEnv>): ApiSetting => {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
    return key && KEY_PATTERN.test(key) && (!deps.keys || deps.keys.has(key)) ? deps.tenants.apiOf(key) : deps.tenants.apiOf()
  }
  const controlDoc = (): OpenApiDoc => openApiDocument([...deps.control, controlMeta], controlInfo)

  const onError = renderError(requestId, deps.log)
  app.onError(onError)

  /** The standard headers on a response that was not built with them (a route's c.json, a replayed idempotent response). */
  const finish = (c: Context<AppEnv>, res: Response): Response => {
    if (hasStandardHeaders(res)) return res // reply() and the error renderer set them up front (fast path)
    const headers = { 'x-request-id': requestId(c), 'x-content-type-options': 'nosniff' }
    try {
      for (const [name, value] of Object.entries(headers)) res.headers.set(name, value)
      return res
    } catch {
      // Immutable headers (a proxied fetch response): a copy with them.
      const copy = new Response(res.body, res)
      for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value)
      return copy
    }
  }

  // Auth, journal, rate limit, body, faults, idempotency, settle and the standard headers run
  // around every route (pipeline.ts); the unauthenticated routes (API descriptions, health)
  // only get the headers: they need no key.
  const publicPaths = new Set([...apiMeta.routes, ...controlMeta.routes].map((route) => route.fullPath))
  const pipeline = requestPipeline({
    tenants: deps.tenants,
    keys: deps.keys,
    bodyLimit: deps.bodyLimit,
    rateLimit: deps.rateLimit,
    settle: deps.settle,
    renderError: onError,
    // Hono answers HEAD with the GET route.
    isPublic: (c) => (c.req.method === 'GET' || c.req.method === 'HEAD') && publicPaths.has(c.req.path),
    finish,
  })
  // Unknown paths go through the pipeline too: a bad key is 401 before a 404, and the journal records them.
  app.notFound((c) =>
    pipeline(c, () => {
      // A pinned tenant has none of the other generation's paths, whatever the method.
      const generation = c.get('tenant') ? table.generationOf(c.req.path) : undefined
      if (generation && generation !== 'shared') assertServes(c.get('tenant'), generation, `${c.req.method} ${c.req.path}`)
      const allowed = table.allowed(c.req.path)
      throw allowed ? errors.methodNotAllowed(c.req.method, c.req.path, allowed) : errors.routeNotFound(c.req.method, c.req.path)
    }),
  )

  apiMeta.mount(app, pipeline)
  controlMeta.mount(app, pipeline)
  for (const router of [...deps.api, ...deps.control]) router.mount(app, pipeline)

  // Sub-apps (fake source sites, dashboard) answer themselves; they get the standard headers.
  for (const mount of deps.mounts ?? []) {
    app.use(`${mount.path}/*`, async (c, next) => {
      await next()
      const res = finish(c, c.res)
      if (res !== c.res) c.res = res // assigning c.res copies the response: only for a new one
    })
    app.route(mount.path, mount.app)
  }
  return app
}
