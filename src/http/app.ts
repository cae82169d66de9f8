import { Hono, type Context } from 'hono'
import { errors } from '../domain/errors.js'
import type { Tenant } from '../services/tenant.js'
import type { Tenants } from '../services/tenants.js'
import type { AppEnv } from './env.js'
import { renderError } from './errors.js'
import { auth } from './middleware/auth.js'
import { jsonBody } from './middleware/body.js'
import { idempotency } from './middleware/idempotency.js'
import { rateLimit, type RateLimit } from './middleware/rate-limit.js'
import { openApiDocument } from './openapi.js'
import type { Router } from './route.js'
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
  /** Runs what fell due, makes the request's changes durable, re-arms timers. */
  settle(tenant: Tenant): Promise<void>
  /** Request ids for requests that never reach a tenant (e.g. 401). */
  anonymousRequestId(): string
  log(message: string): void
  /** Extra sub-apps mounted as they are (fake source sites, dashboard). */
  mounts?: { path: string; app: Hono<any> }[]
  version: string
}

const isProtected = (path: string) => path.startsWith('/v2/') || path === '/v2' || (path.startsWith('/_emulator/') && path !== '/_emulator/health')

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const requestId = (c: Context<AppEnv>) => {
    let id = c.get('requestId')
    if (!id) c.set('requestId', (id = deps.anonymousRequestId()))
    return id
  }
  const table = routeTable([...deps.api, ...deps.control])
  const apiDoc = () => openApiDocument(deps.api, { title: 'Deck API v2 (deck-emulator)', version: deps.version }, [{ url: '/' }])
  const controlDoc = () => openApiDocument(deps.control, { title: 'deck-emulator control plane', version: deps.version })

  app.onError(renderError(requestId, deps.log))
  app.notFound((c) => {
    const allowed = table.allowed(c.req.path)
    throw allowed ? errors.methodNotAllowed(c.req.method, c.req.path, allowed) : errors.routeNotFound(c.req.method, c.req.path)
  })

  app.use('*', async (c, next) => {
    await next()
    if (hasStandardHeaders(c.res)) return // reply() and the error renderer set them up front (fast path)
    // On the response's own headers: c.header() after the handler has answered makes Hono
    // rebuild the response around a stream, which costs @hono/node-server its fast path (~3×).
    try {
      c.res.headers.set('x-request-id', requestId(c))
      c.res.headers.set('x-content-type-options', 'nosniff')
    } catch {
      c.header('x-request-id', requestId(c)) // immutable headers (a proxied fetch response)
      c.header('x-content-type-options', 'nosniff')
    }
  })

  // Unauthenticated: health and the API descriptions.
  app.get('/_emulator/health', (c) => c.json({ status: 'ok' }))
  app.get('/v2/openapi.json', (c) => c.json(apiDoc()))
  app.get('/_emulator/openapi.json', (c) => c.json(controlDoc()))

  const authenticate = auth(deps.tenants, deps.keys)
  app.use('*', async (c, next) => {
    if (!isProtected(c.req.path)) return next()
    return authenticate(c, async () => {
      c.get('tenant').runDue()
      try {
        await next()
      } finally {
        // The handler may have swapped the tenant (reset, scenario load).
        await deps.settle(c.get('tenant'))
      }
    })
  })
  const limiter = rateLimit(deps.rateLimit)
  app.use('/v2/*', limiter)
  const body = jsonBody(deps.bodyLimit)
  app.use('*', async (c, next) => {
    if (!isProtected(c.req.path) || (c.req.method === 'PUT' && c.req.path === '/_emulator/scenario')) return next()
    return body(c, next)
  })
  app.use('/v2/*', idempotency())

  for (const router of [...deps.api, ...deps.control]) router.mount(app)
  for (const mount of deps.mounts ?? []) app.route(mount.path, mount.app)
  return app
}
