import { Hono, type Context } from 'hono'
import { describe, expect, it } from 'vitest'
import { auth, errorOf, json, KEY, unitRenderError, unitTenants } from '../../test/helpers/http-unit.js'
import { listRequests } from '../control/journal.js'
import { errors } from '../domain/errors.js'
import type { Tenant } from '../tenant/tenant.js'
import type { Tenants } from '../tenant/tenants.js'
import type { AppEnv } from './env.js'
import { requestPipeline, type Answer, type PipelineDeps } from './pipeline.js'

/**
 * The pipeline around one route, as http/app.ts mounts it: `route` is the route's work, `settled` lists the
 * tenants settle was called with, `sync` whether each answer came back without a promise.
 */
function pipelineApp(tenants: Tenants, route: (c: Context<AppEnv>) => Answer, deps: Partial<PipelineDeps> = {}) {
  const settled: Tenant[] = []
  const sync: boolean[] = []
  const pipeline = requestPipeline({
    tenants,
    bodyLimit: 1024,
    renderError: unitRenderError,
    settle: (tenant) => void settled.push(tenant),
    isPublic: (c) => c.req.path === '/v2/openapi.json',
    finish: (_c, res) => (res.headers.set('x-finished', 'yes'), res),
    ...deps,
  })
  const app = new Hono<AppEnv>()
  app.onError(unitRenderError)
  app.all('*', (c) => {
    const answer = pipeline(c, () => route(c))
    sync.push(!(answer instanceof Promise))
    return answer
  })
  return { app, settled, sync }
}

const journal = (tenants: Tenants, key = KEY) => listRequests(tenants.get(key), { limit: 100 })

describe('requestPipeline', () => {
  it('answers a GET with nothing to wait for synchronously: no promise from auth to the standard headers', async () => {
    const { app, sync, settled } = pipelineApp(unitTenants(), (c) => c.json({ ok: true }))
    const res = await app.request('/v2/things', { headers: auth() })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-finished')).toBe('yes')
    expect(sync).toEqual([true])
    expect(settled.map((t) => t.key)).toEqual([KEY])
  })

  it('refuses a request without a key before the route runs, and settles nothing', async () => {
    let ran = false
    const { app, settled } = pipelineApp(unitTenants(), (c) => ((ran = true), c.json({})))
    const res = await app.request('/v2/things')
    expect(res.status).toBe(401)
    expect(await errorOf(res)).toMatchObject({ code: 'api_key_invalid' })
    expect(ran).toBe(false)
    expect(settled).toEqual([])
  })

  it('lets public routes and paths outside the API through without a key, with only the standard headers', async () => {
    const tenants = unitTenants()
    const { app, settled } = pipelineApp(tenants, (c) => c.json({ ok: true }))
    for (const path of ['/v2/openapi.json', '/_emulator/health', '/_emulator/ui', '/_sources/src_a/login']) {
      const res = await app.request(path)
      expect([path, res.status, res.headers.get('x-finished')]).toEqual([path, 200, 'yes'])
    }
    expect(settled).toEqual([])
  })

  it('renders an error thrown by the route where it is thrown: the journal records it and settle still runs', async () => {
    const tenants = unitTenants()
    const { app, settled } = pipelineApp(tenants, () => {
      throw errors.inputInvalid('nope', 'name')
    })
    const res = await app.request('/v2/things', json({ name: 1 }))
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ code: 'input_invalid', field: 'name' })
    expect(res.headers.get('x-finished')).toBe('yes')
    expect(journal(tenants)).toMatchObject([{ method: 'POST', status: 400, error: 'input_invalid' }])
    expect(settled).toHaveLength(1)
  })

  it('renders a rejected (async) route the same way', async () => {
    const tenants = unitTenants()
    const { app } = pipelineApp(tenants, async () => {
      throw errors.routeNotFound('GET', '/v2/x')
    })
    const res = await app.request('/v2/x', { headers: auth() })
    expect(res.status).toBe(404)
    expect(journal(tenants)).toMatchObject([{ status: 404, error: 'route_not_found' }])
  })

  it('checks the rate limit before reading the body', async () => {
    const tenants = unitTenants('rate_limit: { requests: 1, per: 1m }\n')
    const { app } = pipelineApp(tenants, (c) => c.json({ body: c.get('body') }))
    expect((await app.request('/v2/things', json({ a: 1 }))).status).toBe(200)
    const limited = await app.request('/v2/things', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '{not json' })
    expect(limited.status).toBe(429)
  })

  it('reads the body before faults (the journal shows what a faulted request sent), and faults stop the route', async () => {
    const tenants = unitTenants('faults:\n  - match: { method: POST, path: /v2/things }\n    respond: { status: 503, code: down }\n')
    let ran = 0
    const { app } = pipelineApp(tenants, (c) => (ran++, c.json({})))
    const bad = await app.request('/v2/things', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '[1]' })
    expect(bad.status).toBe(400) // the body is refused before the fault is taken
    const faulted = await app.request('/v2/things', json({ password: 'hunter2', name: 'x' }))
    expect(faulted.status).toBe(503)
    expect(ran).toBe(0)
    expect(journal(tenants).at(-1)).toMatchObject({ status: 503, body: { password: '[redacted]', name: 'x' } })
  })

  it('applies Idempotency-Key to mutations only', async () => {
    const tenants = unitTenants()
    let ran = 0
    const { app } = pipelineApp(tenants, (c) => (ran++, c.json({ n: ran }, 201)))
    const long = 'k'.repeat(300)
    expect((await app.request('/v2/things', { headers: { ...auth(), 'idempotency-key': long } })).status).toBe(201)
    expect((await app.request('/v2/things', json({}, { 'idempotency-key': long }))).status).toBe(400)
    const first = await app.request('/v2/things', json({ a: 1 }, { 'idempotency-key': 'k1' }))
    const again = await app.request('/v2/things', json({ a: 1 }, { 'idempotency-key': 'k1' }))
    expect([await first.json(), await again.json(), again.headers.get('idempotent-replayed')]).toEqual([{ n: 2 }, { n: 2 }, 'true'])
    expect(ran).toBe(2)
  })

  it('journals the Deck API only, not the control plane, and does not rate-limit the control plane', async () => {
    const tenants = unitTenants('rate_limit: { requests: 1, per: 1m }\n')
    const { app } = pipelineApp(tenants, (c) => c.json({}))
    expect((await app.request('/v2/things', { headers: auth() })).status).toBe(200)
    for (let i = 0; i < 3; i++) expect((await app.request('/_emulator/requests', { headers: auth() })).status).toBe(200)
    expect(journal(tenants).map((e) => e.path)).toEqual(['/v2/things'])
  })

  it('reads a scenario upload as text, with its own cap above the body limit', async () => {
    const { app } = pipelineApp(unitTenants(), (c) => c.json({ text: c.get('text') }))
    const yaml = `name: big\n# ${'x'.repeat(2000)}\n`
    const res = await app.request('/_emulator/scenario', { method: 'PUT', headers: { ...auth(), 'content-type': 'application/yaml' }, body: yaml })
    expect(await res.json()).toEqual({ text: yaml })
    expect((await app.request('/v2/things', json({ big: 'x'.repeat(2000) }))).status).toBe(413)
  })

  it("settles the key's current tenant, even when the route replaced it", async () => {
    const tenants = unitTenants()
    const before = tenants.get(KEY)
    const { app, settled } = pipelineApp(tenants, (c) => {
      c.set('tenant', tenants.reset(KEY))
      return c.json({})
    })
    await app.request('/_emulator/reset', { method: 'POST', headers: auth() })
    expect(settled).toHaveLength(1)
    expect(settled[0]).not.toBe(before)
    expect(settled[0]).toBe(tenants.get(KEY))
  })

  it('waits for an asynchronous settle before the standard headers', async () => {
    const order: string[] = []
    const { app } = pipelineApp(unitTenants(), (c) => c.json({}), {
      settle: () => new Promise<void>((resolve) => setTimeout(() => (order.push('settled'), resolve()), 5)),
      finish: (_c, res) => (order.push('finished'), res),
    })
    await app.request('/v2/things', { headers: auth() })
    expect(order).toEqual(['settled', 'finished'])
  })
})
