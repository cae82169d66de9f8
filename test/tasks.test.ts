import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { eventTypes, ORDERS_OUTPUT_SCHEMA, SEARCH_INPUT_SCHEMA } from './helpers/tasks.js'

async function withAgent() {
  const ctx = await setup()
  const agentId = (await ctx.client.post('/v2/agents', { name: 'A' })).body.id as string
  return { ...ctx, agentId }
}

describe('tasks', () => {
  it('create → 201, status learning, schemas kept as given', async () => {
    const { client, agentId } = await withAgent()
    const res = await client.post('/v2/tasks', {
      name: 'Search orders',
      agent_id: agentId,
      prompt: 'Find orders',
      description: 'd',
      input_schema: SEARCH_INPUT_SCHEMA,
      output_schema: ORDERS_OUTPUT_SCHEMA,
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      object: 'task',
      name: 'Search orders',
      agent_id: agentId,
      prompt: 'Find orders',
      description: 'd',
      status: 'learning',
      input_schema: SEARCH_INPUT_SCHEMA,
      output_schema: ORDERS_OUTPUT_SCHEMA,
    })
    expect(res.body.id).toMatch(/^task_[A-Za-z0-9]{16}$/)
    expect((await client.get(`/v2/tasks/${res.body.id}`)).body.name).toBe('Search orders')
    const bare = (await client.post('/v2/tasks', { name: 'Bare', agent_id: agentId })).body
    expect(bare).toMatchObject({ input_schema: null, output_schema: null, prompt: null, description: null })
  })

  it('accepts a client-chosen id once', async () => {
    const { client, agentId } = await withAgent()
    expect((await client.post('/v2/tasks', { id: 'task_search_orders', name: 'S', agent_id: agentId })).body.id).toBe('task_search_orders')
    const dup = await client.post('/v2/tasks', { id: 'task_search_orders', name: 'S', agent_id: agentId })
    expect(dup.status).toBe(400)
    expect(dup.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'id' })
    expect((await client.post('/v2/tasks', { id: 'search', name: 'S', agent_id: agentId })).body.errors[0].field).toBe('id')
  })

  it('validates the body: required fields, status enum, unknown agent', async () => {
    const { client, agentId } = await withAgent()
    expect((await client.post('/v2/tasks', { agent_id: agentId })).body.errors[0]).toMatchObject({ code: 'input_missing', field: 'name' })
    expect((await client.post('/v2/tasks', { name: 'n' })).body.errors[0]).toMatchObject({ code: 'input_missing', field: 'agent_id' })
    expect((await client.post('/v2/tasks', { name: 'n', agent_id: agentId, status: 'beta' })).body.errors[0]).toMatchObject({
      code: 'input_invalid',
      field: 'status',
    })
    const noAgent = await client.post('/v2/tasks', { name: 'n', agent_id: 'agt_nope' })
    expect(noAgent.status).toBe(404)
    expect(noAgent.body.errors[0].code).toBe('agent_not_found')
  })

  it('rejects schemas that are not valid JSON Schema (checked by a real validator)', async () => {
    const { client, agentId } = await withAgent()
    const cases: [string, unknown][] = [
      ['input_schema', { type: 'strng' }],
      ['output_schema', { type: 'object', properties: { a: { minLength: -1 } } }],
      ['output_schema', { $ref: '#/definitions/missing' }],
      ['input_schema', { type: 'object', required: 'query' }],
      ['input_schema', 'not a schema'],
      ['output_schema', [1, 2]],
    ]
    for (const [field, schema] of cases) {
      const res = await client.post('/v2/tasks', { name: 'n', agent_id: agentId, [field]: schema })
      expect(res.status, JSON.stringify(schema)).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'input_invalid', field })
    }
    const draft2020 = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }] }
    expect((await client.post('/v2/tasks', { name: 'n', agent_id: agentId, output_schema: draft2020 })).status).toBe(201)
  })

  it('patch: status, schemas (validated), null clears; 404 for unknown task or agent', async () => {
    const { client, agentId, advance } = await withAgent()
    const task = (await client.post('/v2/tasks', { name: 'n', agent_id: agentId, input_schema: SEARCH_INPUT_SCHEMA })).body
    await advance('1s')
    const res = await client.patch(`/v2/tasks/${task.id}`, { status: 'live', name: 'm', input_schema: null, prompt: 'p' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'live', name: 'm', input_schema: null, prompt: 'p', updated_at: '2026-01-01T00:00:01.000Z' })
    const bad = await client.patch(`/v2/tasks/${task.id}`, { output_schema: { type: 1 } })
    expect(bad.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'output_schema' })
    expect((await client.patch(`/v2/tasks/${task.id}`, { status: 'done' })).body.errors[0]).toMatchObject({ field: 'status' })
    expect((await client.patch(`/v2/tasks/${task.id}`, { agent_id: 'agt_nope' })).status).toBe(404)
    expect((await client.patch('/v2/tasks/task_nope', { name: 'x' })).status).toBe(404)
  })

  it('lists with agent_id and status filters, paginated', async () => {
    const { client, advance } = await setup()
    const a1 = (await client.post('/v2/agents', { name: 'A1' })).body.id
    const a2 = (await client.post('/v2/agents', { name: 'A2' })).body.id
    const make = async (agent_id: string, status: string) => {
      const id = (await client.post('/v2/tasks', { name: 't', agent_id, status })).body.id as string
      await advance('1s')
      return id
    }
    const t1 = await make(a1, 'learning')
    const t2 = await make(a1, 'live')
    const t3 = await make(a2, 'live')
    const t4 = await make(a2, 'test')
    const ids = async (q: string) => (await client.get(`/v2/tasks${q}`)).body.data.map((t: { id: string }) => t.id)
    expect(await ids('')).toEqual([t4, t3, t2, t1])
    expect(await ids(`?agent_id=${a1}`)).toEqual([t2, t1])
    expect(await ids('?status=live')).toEqual([t3, t2])
    expect(await ids(`?status=live&agent_id=${a2}`)).toEqual([t3])
    expect((await client.get('/v2/tasks?status=beta')).body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'status' })
    const page = (await client.get('/v2/tasks?limit=3')).body
    expect(page.has_more).toBe(true)
    expect((await client.get(`/v2/tasks?limit=3&cursor=${page.next_cursor}`)).body.data.map((t: { id: string }) => t.id)).toEqual([t1])
    // A cursor is bound to its filters.
    expect((await client.get(`/v2/tasks?limit=3&status=live&cursor=${page.next_cursor}`)).body.errors[0].code).toBe('cursor_invalid')
  })

  it('runs in any status (learning, test, live)', async () => {
    const ctx = await withAgent()
    const connectionId = await ctx.connect(await ctx.source(), 'user_good')
    await ctx.advance('0s')
    for (const status of ['learning', 'test', 'live']) {
      const task = (await ctx.client.post('/v2/tasks', { name: status, agent_id: ctx.agentId, status })).body
      expect((await ctx.client.post(`/v2/tasks/${task.id}/run`, { connection_id: connectionId, input: {} })).status).toBe(201)
    }
  })

  it('delete → deleted, then 404; events task.created/updated/deleted', async () => {
    const { client, agentId, emulator, key } = await withAgent()
    const task = (await client.post('/v2/tasks', { name: 'n', agent_id: agentId })).body
    await client.patch(`/v2/tasks/${task.id}`, { status: 'test' })
    const res = await client.delete(`/v2/tasks/${task.id}`)
    expect(res.body).toMatchObject({ id: task.id, object: 'task', deleted: true })
    expect((await client.get(`/v2/tasks/${task.id}`)).body.errors[0].code).toBe('task_not_found')
    expect((await client.get(`/v2/agents/${agentId}`)).body.tasks).toEqual([])
    expect(eventTypes(emulator, key, 'task.')).toEqual(['task.created', 'task.updated', 'task.deleted'])
  })
})
