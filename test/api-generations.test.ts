import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { api, freshKey, setup } from './helpers/api.js'

const CREDENTIALS_PATHS: [string, string][] = [
  ['GET', '/v2/credentials'],
  ['POST', '/v2/credentials'],
  ['GET', '/v2/credentials/cred_1'],
  ['DELETE', '/v2/credentials/cred_1'],
  ['GET', '/v2/sessions/sess_1'],
  ['POST', '/v2/sessions/sess_1/end'],
]
const CONNECTIONS_PATHS: [string, string][] = [
  ['GET', '/v2/connections'],
  ['POST', '/v2/connections'],
  ['GET', '/v2/connections/conn_1'],
  ['PATCH', '/v2/connections/conn_1'],
  ['POST', '/v2/connections/conn_1/interaction'],
  ['POST', '/v2/connections/conn_1/reopen'],
  ['POST', '/v2/connections/conn_1/disconnect'],
  // A method no connections route has is the generation's 404 too, not a 405.
  ['PUT', '/v2/connections/conn_1'],
  // The control plane's connection routes belong to the connections generation too.
  ['POST', '/_emulator/connections/conn_1/transition'],
  ['GET', '/_emulator/connections/conn_1/expected-answer'],
  ['GET', '/_emulator/connections/conn_1/screenshots'],
]

/** Two tenants of one emulator, each pinned by the scenario its key loaded. */
async function pinnedPair() {
  const t = await setup()
  const tenant = async (generation: string) => {
    const client = api((input, init) => t.emulator.fetch(input, init), freshKey(generation))
    const loaded = await client.put(
      '/_emulator/scenario',
      `name: ${generation}-only\napi: ${generation}\nsources: [{ id: src_shop }]\nagents: [{ id: agt_a, name: A }]\ntasks: [{ id: task_a, agent_id: agt_a, name: T }]\n`,
      { 'content-type': 'application/yaml' },
    )
    expect(loaded.status).toBe(200)
    return client
  }
  return { ...t, connections: await tenant('connections'), credentials: await tenant('credentials') }
}

const types = async (client: ReturnType<typeof api>) => ((await client.get('/v2/event-types')).body.data as { type: string }[]).map((t) => t.type)
const paths = async (client: ReturnType<typeof api>, query = '') => Object.keys((await client.get(`/v2/openapi.json${query}`)).body.paths)

describe('API generation per tenant', () => {
  it('a default tenant serves both generations: connections, shared routes, every event type, one OpenAPI document with all of it', async () => {
    const t = await setup()
    const source = await t.source()
    const id = await t.connect(source, 'user_good')
    expect(await t.status(id)).toBe('connected')
    expect((await t.client.get('/v2/test')).body).toMatchObject({ status: 'ready', environment: 'live' })
    const all = await types(t.client)
    expect(all).toEqual(expect.arrayContaining(['connection.connected', 'task_run.pending', 'credential.created', 'session.idle', 'task_run.review_required']))
    expect(await paths(t.client)).toEqual(expect.arrayContaining(['/v2/connections', '/v2/sources', '/v2/test', '/v2/task-runs/{id}']))
    await t.emulator.close()
  })

  it('pinned tenants side by side: each answers the other generation with a 404 naming the one it serves', async () => {
    const t = await pinnedPair()
    for (const [method, path] of CREDENTIALS_PATHS) {
      const res = await t.connections.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {})
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(res.body.errors[0]).toMatchObject({ type: 'request', code: 'route_not_found' })
      expect(res.body.errors[0].message).toMatch(/^this tenant serves the connections generation; /)
      expect(res.body.request_id).toMatch(/^req_/)
    }
    for (const [method, path] of CONNECTIONS_PATHS) {
      const res = await t.credentials.call(method, path, method === 'GET' ? undefined : {})
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(res.body.errors[0]).toMatchObject({ type: 'request', code: 'route_not_found' })
      expect(res.body.errors[0].message).toMatch(/^this tenant serves the credentials generation; /)
    }
    // The connections-pinned tenant still does everything the connections generation does.
    const created = await t.connections.post('/v2/connections', {
      source_id: 'src_shop',
      auth_method: 'username_password',
      auth_credentials: { username: 'user_good', password: 'pw' },
    })
    expect(created.status).toBe(201)
    expect((await t.connections.get(`/v2/connections/${created.body.id}`)).body.status).toBe('connected')
    expect((await t.connections.post('/v2/tasks/task_a/run', { connection_id: created.body.id, input: {} })).status).toBe(201)
    // A run body of the connections generation is rejected by the credentials tenant the same way.
    const run = await t.credentials.post('/v2/tasks/task_a/run', { connection_id: created.body.id, input: {} })
    expect(run.status).toBe(404)
    expect(run.body.errors[0]).toMatchObject({
      code: 'route_not_found',
      message: expect.stringMatching(/^this tenant serves the credentials generation; a task run body with `connection_id`/),
    })
    // And the other way round; the credentials tenant runs on a source, and names `source_id` when nothing says where.
    const credRun = await t.connections.post('/v2/tasks/task_a/run', { source_id: 'src_shop' })
    expect(credRun.status).toBe(404)
    expect(credRun.body.errors[0].message).toMatch(/^this tenant serves the connections generation; a task run body with `credential_id`/)
    expect((await t.credentials.post('/v2/tasks/task_a/run', { source_id: 'src_shop' })).status).toBe(201)
    expect((await t.credentials.post('/v2/tasks/task_a/run', {})).body.errors[0]).toMatchObject({ code: 'input_missing', field: 'source_id' })
    // Shared routes answer in both.
    for (const client of [t.connections, t.credentials]) {
      expect((await client.get('/v2/test')).body).toMatchObject({ status: 'ready', environment: 'live' })
      expect((await client.get('/v2/sources/src_shop')).status).toBe(200)
      expect((await client.get('/v2/tasks/task_a')).status).toBe(200)
      expect((await client.get('/v2/task-runs')).status).toBe(200)
      expect((await client.get('/v2/events')).status).toBe(200)
      expect((await client.get('/v2/event-destinations')).status).toBe(200)
    }
    // Truly unknown paths stay a plain 404, and a wrong method on a shared path a 405.
    const unknown = await t.credentials.get('/v2/widgets')
    expect(unknown.body.errors[0].message).not.toMatch(/generation/)
    expect((await t.credentials.call('PUT', '/v2/sources')).status).toBe(405)
    await t.emulator.close()
  })

  it("GET /v2/event-types lists only the tenant's generation", async () => {
    const t = await pinnedPair()
    const connections = await types(t.connections)
    expect(connections).toEqual(expect.arrayContaining(['connection.connected', 'task_run.pending', 'task_run.completed', 'task.created', 'source.created']))
    expect(connections.filter((type) => /^(credential|session)\.|^task_run\.(canceling|review_required)$/.test(type))).toEqual([])
    // Run artifacts exist in both generations.
    expect(connections).toEqual(expect.arrayContaining(['storage.created', 'storage.deleted']))
    const credentials = await types(t.credentials)
    expect(credentials).toEqual(
      expect.arrayContaining([
        'credential.created',
        'credential.deleted',
        'session.queued',
        'session.failed',
        'task_run.canceling',
        'task_run.review_required',
        'task_run.completed',
        'task.created',
      ]),
    )
    expect(credentials.filter((type) => type.startsWith('connection.') || type === 'task_run.pending')).toEqual([])
    await t.emulator.close()
  })

  it("the OpenAPI document describes what the caller's tenant serves; ?api= picks one generation; an unknown value is a 400", async () => {
    const t = await pinnedPair()
    const connections = await paths(t.connections)
    expect(connections).toEqual(expect.arrayContaining(['/v2/connections', '/v2/connections/{id}/interaction', '/v2/test', '/v2/sources']))
    const credentials = await paths(t.credentials)
    expect(credentials).toEqual(expect.arrayContaining(['/v2/test', '/v2/sources', '/v2/tasks/{id}/run']))
    expect(credentials.filter((p) => p.startsWith('/v2/connections'))).toEqual([])
    // Without a key (the document is public): what new tenants serve, here both.
    const anonymous = Object.keys((await (await t.emulator.fetch('/v2/openapi.json')).json()).paths)
    expect(anonymous).toContain('/v2/connections')
    expect((await paths(t.client, '?api=credentials')).filter((p) => p.startsWith('/v2/connections'))).toEqual([])
    expect(await paths(t.credentials, '?api=connections')).toContain('/v2/connections')
    const bad = await t.client.get('/v2/openapi.json?api=graphql')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ type: 'request', code: 'input_invalid', field: 'api' })
    await t.emulator.close()
  })

  it("the library option pins every tenant; a scenario's own `api:` wins; a bad value is refused", async () => {
    const emulator = await createEmulator({ clock: 'manual', api: 'credentials' })
    const pinned = api((input, init) => emulator.fetch(input, init), freshKey('lib'))
    const res = await pinned.get('/v2/connections')
    expect(res.status).toBe(404)
    expect(res.body.errors[0].message).toMatch(/^this tenant serves the credentials generation/)
    expect(Object.keys((await (await emulator.fetch('/v2/openapi.json')).json()).paths)).not.toContain('/v2/connections')
    const own = api((input, init) => emulator.fetch(input, init), freshKey('lib'))
    await own.put('/_emulator/scenario', { name: 'both', api: 'both' })
    expect((await own.get('/v2/connections')).status).toBe(200)
    // Reset keeps the tenant's scenario, and so its generation.
    await own.post('/_emulator/reset')
    expect((await own.get('/v2/connections')).status).toBe(200)
    await emulator.close()
    await expect(createEmulator({ api: 'graphql' as never })).rejects.toThrow(/`api` must be one of both, connections, credentials/)
  })

  it('a scenario with an unknown `api:` is rejected at load with its path', async () => {
    const t = await setup()
    const res = await t.client.put('/_emulator/scenario', 'name: x\napi: rest\n', { 'content-type': 'application/yaml' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body.errors)).toMatch(/api/)
    await t.emulator.close()
  })
})
