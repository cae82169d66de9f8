import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { eventsOf, eventTypes } from './helpers/tasks.js'

describe('agents', () => {
  it('create → 201 with an empty task list, get, 404 otherwise', async () => {
    const { client } = await setup()
    const res = await client.post('/v2/agents', { name: 'Order assistant', description: 'Finds orders' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ object: 'agent', name: 'Order assistant', description: 'Finds orders', tasks: [], created_at: '2026-01-01T00:00:00.000Z' })
    expect(res.body.id).toMatch(/^agt_[A-Za-z0-9]{16}$/)
    expect(Object.keys(res.body)).toEqual(['id', 'object', 'name', 'description', 'tasks', 'created_at', 'updated_at', 'request_id'])
    expect((await client.get(`/v2/agents/${res.body.id}`)).body.name).toBe('Order assistant')
    const missing = await client.get('/v2/agents/agt_nope')
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0].code).toBe('agent_not_found')
  })

  it('validates the body', async () => {
    const { client } = await setup()
    const noName = await client.post('/v2/agents', { description: 'x' })
    expect(noName.status).toBe(400)
    expect(noName.body.errors[0]).toMatchObject({ code: 'input_missing', field: 'name' })
    const badType = await client.post('/v2/agents', { name: 'a', description: 5 })
    expect(badType.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'description' })
    expect((await client.post('/v2/agents', { name: '' })).body.errors[0]).toMatchObject({ code: 'input_missing', field: 'name' })
  })

  it('lists newest first, paginated', async () => {
    const { client, advance } = await setup()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      ids.push((await client.post('/v2/agents', { name: `A${i}` })).body.id)
      await advance('1s')
    }
    const first = (await client.get('/v2/agents?limit=2')).body
    expect(first.data.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1]])
    expect(first.has_more).toBe(true)
    const second = (await client.get(`/v2/agents?limit=2&cursor=${first.next_cursor}`)).body
    expect(second).toMatchObject({ has_more: false, next_cursor: null })
    expect(second.data.map((a: { id: string }) => a.id)).toEqual([ids[0]])
  })

  it('patch updates name and description (null clears it)', async () => {
    const { client, advance } = await setup()
    const { body } = await client.post('/v2/agents', { name: 'A', description: 'd' })
    await advance('5s')
    const res = await client.patch(`/v2/agents/${body.id}`, { name: 'B', description: null })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ name: 'B', description: null, updated_at: '2026-01-01T00:00:05.000Z', created_at: body.created_at })
    expect((await client.patch('/v2/agents/agt_nope', { name: 'x' })).status).toBe(404)
  })

  it('lists its tasks, oldest first, with their status', async () => {
    const { client, advance } = await setup()
    const agent = (await client.post('/v2/agents', { name: 'A' })).body
    const t1 = (await client.post('/v2/tasks', { name: 'one', agent_id: agent.id })).body
    await advance('1s')
    const t2 = (await client.post('/v2/tasks', { name: 'two', agent_id: agent.id, status: 'live' })).body
    expect((await client.get(`/v2/agents/${agent.id}`)).body.tasks).toEqual([
      { id: t1.id, object: 'task', name: 'one', status: 'learning' },
      { id: t2.id, object: 'task', name: 'two', status: 'live' },
    ])
  })

  it('delete removes the agent and its tasks; their runs stay readable', async () => {
    const ctx = await setup()
    const { client } = ctx
    const agent = (await client.post('/v2/agents', { name: 'A' })).body
    const task = (await client.post('/v2/tasks', { name: 'one', agent_id: agent.id })).body
    const connectionId = await ctx.connect(await ctx.source(), 'user_good')
    await ctx.advance('0s')
    const run = (await client.post(`/v2/tasks/${task.id}/run`, { connection_id: connectionId, input: {} })).body
    const res = await client.delete(`/v2/agents/${agent.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: agent.id, object: 'agent', deleted: true })
    expect((await client.get(`/v2/agents/${agent.id}`)).status).toBe(404)
    expect((await client.get(`/v2/tasks/${task.id}`)).status).toBe(404)
    await ctx.advance('1s')
    expect((await client.get(`/v2/task-runs/${run.id}`)).body).toMatchObject({ status: 'completed', agent_id: agent.id })
    expect((await client.delete(`/v2/agents/${agent.id}`)).status).toBe(404)
  })

  it('records agent.created, agent.updated and agent.deleted with the full object', async () => {
    const { client, emulator, key } = await setup()
    const agent = (await client.post('/v2/agents', { name: 'A' })).body
    await client.patch(`/v2/agents/${agent.id}`, { name: 'B' })
    await client.delete(`/v2/agents/${agent.id}`)
    expect(eventTypes(emulator, key)).toEqual(['agent.created', 'agent.updated', 'agent.deleted'])
    const [created, updated] = eventsOf(emulator, key, 'agent.')
    expect(created!.data).toMatchObject({ id: agent.id, object: 'agent', name: 'A', tasks: [] })
    expect(updated!.data).toMatchObject({ id: agent.id, name: 'B' })
  })
})
