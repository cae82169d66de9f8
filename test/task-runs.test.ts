import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { agentAndTask, connected, conforms, eventsOf, eventTypes, ORDERS_OUTPUT_SCHEMA } from './helpers/tasks.js'

const INPUT = { query: 'running shoes' }

describe('POST /v2/tasks/{id}/run', () => {
  it('queues a run, runs it at once and completes it 1 s later with a conforming output', async () => {
    const ctx = await setup()
    const { taskId, agentId } = await agentAndTask(ctx)
    const { connectionId, sourceId } = await connected(ctx, 'user_good', { external_id: 'user_123' })
    const res = await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      object: 'task_run',
      status: 'queued',
      result: null,
      task_id: taskId,
      agent_id: agentId,
      source_id: sourceId,
      connection_id: connectionId,
      external_id: 'user_123',
      input: INPUT,
      output: null,
      errors: [],
      interaction: null,
      runtime_ms: null,
      canceled_at: null,
    })
    expect(res.body.id).toMatch(/^trun_[A-Za-z0-9]{16}$/)
    expect(res.body.request_id).toMatch(/^req_/)
    const path = `/v2/task-runs/${res.body.id}`
    expect((await ctx.client.get(path)).body).toMatchObject({ status: 'running', runtime_ms: 0 })
    await ctx.advance('999ms')
    expect((await ctx.client.get(path)).body.status).toBe('running')
    await ctx.advance('1ms')
    const done = (await ctx.client.get(path)).body
    expect(done).toMatchObject({ status: 'completed', result: 'success', runtime_ms: 1000, errors: [] })
    expect(conforms(ORDERS_OUTPUT_SCHEMA, done.output)).toBe(true)
    const events = eventsOf(ctx.emulator, ctx.key, 'task_run.')
    expect(events.map((e) => e.type)).toEqual(['task_run.queued', 'task_run.running', 'task_run.completed'])
    for (const event of events) expect(event.data).toMatchObject({ id: res.body.id, external_id: 'user_123', status: event.type.slice('task_run.'.length) })
  })

  it('validates the input synchronously against input_schema (400 input_invalid, dotted field)', async () => {
    const ctx = await setup()
    const { taskId } = await agentAndTask(ctx)
    const { connectionId } = await connected(ctx)
    const run = (input: unknown) => ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input })
    const wrongType = await run({ query: 42 })
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.errors[0]).toMatchObject({ type: 'request', code: 'input_invalid', field: 'input.query' })
    const missing = await run({})
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'input.query' })
    const nested = await run({ query: 'x', filters: { status: 'lost', since: 'yesterday' } })
    expect(nested.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['input.filters.since', 'input.filters.status'])
    const absent = await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId })
    expect(absent.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'input.query' })
    const notObject = await run('shoes')
    expect(notObject.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'input' })
    expect((await ctx.client.post(`/v2/tasks/${taskId}/run`, { input: INPUT })).body.errors[0]).toMatchObject({ code: 'input_missing', field: 'connection_id' })
    // Nothing was created by the rejected requests.
    expect((await ctx.client.get('/v2/task-runs')).body.data).toEqual([])
    expect(eventTypes(ctx.emulator, ctx.key, 'task_run.')).toEqual([])
  })

  it('accepts any input object when the task has no input_schema', async () => {
    const ctx = await setup()
    const { taskId } = await agentAndTask(ctx, { input_schema: null, output_schema: null })
    const { connectionId } = await connected(ctx)
    const res = await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: { anything: [1, 2] } })
    expect(res.status).toBe(201)
    await ctx.advance('1s')
    expect((await ctx.client.get(`/v2/task-runs/${res.body.id}`)).body).toMatchObject({ status: 'completed', output: {} })
  })

  it('404s for an unknown task or connection', async () => {
    const ctx = await setup()
    const { taskId } = await agentAndTask(ctx)
    const { connectionId } = await connected(ctx)
    const noTask = await ctx.client.post('/v2/tasks/task_nope/run', { connection_id: connectionId, input: INPUT })
    expect(noTask.status).toBe(404)
    expect(noTask.body.errors[0].code).toBe('task_not_found')
    const noConn = await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: 'conn_nope', input: INPUT })
    expect(noConn.status).toBe(404)
    expect(noConn.body.errors[0].code).toBe('connection_not_found')
  })

  describe('against every connection status', () => {
    const cases: [string, (ctx: Awaited<ReturnType<typeof setup>>) => Promise<string>][] = [
      ['connecting', async (ctx) => ctx.connect(await ctx.source(), 'user_slow')],
      [
        'interaction_required',
        async (ctx) => {
          const id = await ctx.connect(await ctx.source(), 'user_mfa')
          await ctx.advance('0s')
          return id
        },
      ],
      [
        'invalid',
        async (ctx) => {
          const id = await ctx.connect(await ctx.source(), 'user_invalid')
          await ctx.advance('0s')
          return id
        },
      ],
      [
        'disconnected',
        async (ctx) => {
          const id = await ctx.connect(await ctx.source(), 'user_drop')
          await ctx.advance('1m')
          return id
        },
      ],
      [
        'terminated',
        async (ctx) => {
          const id = await ctx.connect(await ctx.source(), 'user_good')
          await ctx.client.post(`/v2/connections/${id}/disconnect`)
          return id
        },
      ],
    ]
    for (const [status, make] of cases) {
      it(`${status} → 409 connection_not_connected`, async () => {
        const ctx = await setup()
        const { taskId } = await agentAndTask(ctx)
        const connectionId = await make(ctx)
        expect(await ctx.status(connectionId)).toBe(status)
        const res = await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })
        expect(res.status).toBe(409)
        expect(res.body.errors[0]).toMatchObject({ type: 'request', code: 'connection_not_connected' })
        expect(res.body.errors[0].message).toContain(status)
      })
    }
    it('connected → 201', async () => {
      const ctx = await setup()
      const { taskId } = await agentAndTask(ctx)
      const { connectionId } = await connected(ctx)
      expect((await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })).status).toBe(201)
    })
    it('a reopened connection can run tasks again', async () => {
      const ctx = await setup()
      const { taskId } = await agentAndTask(ctx)
      const connectionId = await ctx.connect(await ctx.source(), 'user_drop')
      await ctx.advance('1m')
      await ctx.client.post(`/v2/connections/${connectionId}/reopen`)
      await ctx.advance('0s')
      expect((await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })).status).toBe(201)
    })
  })

  it('counts as activity for the connection idle timeout', async () => {
    const ctx = await setup()
    const { taskId } = await agentAndTask(ctx)
    const { connectionId } = await connected(ctx)
    await ctx.advance('9m')
    await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })
    // The run ends 1 s later, which is activity too: idle counts from there.
    await ctx.advance('10m')
    expect(await ctx.status(connectionId)).toBe('connected')
    await ctx.advance('1s')
    expect(await ctx.status(connectionId)).toBe('disconnected')
  })
})

describe('a session drop during a run', () => {
  it('fails a running run and disconnects the connection', async () => {
    const ctx = await setup()
    const { taskId } = await agentAndTask(ctx)
    const { connectionId } = await connected(ctx, 'user_drop', { external_id: 'ext_9' }) // drops 1 min after connecting
    await ctx.advance('59500ms')
    const run = await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })
    await ctx.advance('500ms')
    const failed = (await ctx.client.get(`/v2/task-runs/${run.body.id}`)).body
    expect(failed).toMatchObject({ status: 'failed', result: 'failure', output: null, runtime_ms: 500 })
    expect(failed.errors).toEqual([expect.objectContaining({ type: 'connection', code: 'session_ended' })])
    expect(await ctx.status(connectionId)).toBe('disconnected')
    const types = eventTypes(ctx.emulator, ctx.key).slice(-3)
    expect(types).toEqual(['task_run.running', 'connection.disconnected', 'task_run.failed'])
    expect(eventsOf(ctx.emulator, ctx.key, 'task_run.failed')[0]!.data.external_id).toBe('ext_9')
    // Nothing left on the clock for the dead run.
    await ctx.advance('5s')
    expect((await ctx.client.get(`/v2/task-runs/${run.body.id}`)).body.status).toBe('failed')
  })

  it('a run that ends just before the drop completes; one that would end at the drop instant fails', async () => {
    const ctx = await setup()
    const { taskId } = await agentAndTask(ctx)
    const { connectionId } = await connected(ctx, 'user_drop')
    await ctx.advance('58999ms')
    const early = await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })
    await ctx.advance('1ms')
    const late = await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })
    await ctx.advance('5s')
    expect((await ctx.client.get(`/v2/task-runs/${early.body.id}`)).body.status).toBe('completed')
    // The drop was scheduled first, so at the same instant it wins.
    expect((await ctx.client.get(`/v2/task-runs/${late.body.id}`)).body).toMatchObject({ status: 'failed', errors: [{ code: 'session_ended' }] })
  })

  it('fails queued, interaction_required and pending runs too, on terminate, invalidation or a forced drop', async () => {
    const ctx = await setup({
      scenario: {
        name: 'drops',
        sources: [{ id: 'src_s' }],
        agents: [{ id: 'agt_a', name: 'A' }],
        tasks: [
          { id: 'task_q', agent_id: 'agt_a', name: 'queued', run: [{ queued: '1m' }] },
          { id: 'task_i', agent_id: 'agt_a', name: 'asks', run: [{ mfa: { code: '1' } }] },
          { id: 'task_p', agent_id: 'agt_a', name: 'reviews', run: ['pending'] },
        ],
      },
    })
    for (const how of ['disconnect', 'transition'] as const) {
      const connectionId = await ctx.connect('src_s', 'user_good')
      await ctx.advance('0s')
      const ids: string[] = []
      for (const task of ['task_q', 'task_i', 'task_p']) {
        ids.push((await ctx.client.post(`/v2/tasks/${task}/run`, { connection_id: connectionId, input: {} })).body.id)
      }
      expect(await Promise.all(ids.map(async (id) => (await ctx.client.get(`/v2/task-runs/${id}`)).body.status))).toEqual([
        'queued',
        'interaction_required',
        'pending',
      ])
      if (how === 'disconnect') await ctx.client.post(`/v2/connections/${connectionId}/disconnect`)
      else await ctx.client.post(`/_emulator/connections/${connectionId}/transition`, { status: 'disconnected' })
      for (const id of ids) {
        const run = (await ctx.client.get(`/v2/task-runs/${id}`)).body
        expect(run).toMatchObject({ status: 'failed', result: 'failure', interaction: null })
        expect(run.errors[0]).toMatchObject({ type: 'connection', code: 'session_ended' })
        expect(run.errors[0].message).toContain(how === 'disconnect' ? 'terminated' : 'disconnected')
      }
    }
  })
})

describe('GET /v2/task-runs', () => {
  it('gets one run, 404 task_run_not_found otherwise (also for another tenant)', async () => {
    const ctx = await setup()
    const { taskId } = await agentAndTask(ctx)
    const { connectionId } = await connected(ctx)
    const run = await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })
    expect((await ctx.client.get(`/v2/task-runs/${run.body.id}`)).status).toBe(200)
    const other = await setup()
    const res = await other.client.get(`/v2/task-runs/${run.body.id}`)
    expect(res.status).toBe(404)
    expect(res.body.errors[0].code).toBe('task_run_not_found')
  })

  it('filters by connection, task, agent, source, status, result and creation time, and pages', async () => {
    const ctx = await setup()
    const a = await agentAndTask(ctx)
    const b = await agentAndTask(ctx)
    const c1 = await connected(ctx)
    const c2 = await connected(ctx)
    const run = async (taskId: string, connectionId: string) =>
      (await ctx.client.post(`/v2/tasks/${taskId}/run`, { connection_id: connectionId, input: INPUT })).body.id as string
    const r1 = await run(a.taskId, c1.connectionId)
    await ctx.advance('1s') // r1 completed
    const t1 = (await ctx.client.get('/_emulator/clock')).body.now as string
    const r2 = await run(b.taskId, c1.connectionId)
    await ctx.advance('1s') // r2 completed
    const r3 = await run(a.taskId, c2.connectionId)
    await ctx.client.post(`/v2/task-runs/${r3}/cancel`)
    await ctx.advance('1s')
    const t3 = (await ctx.client.get('/_emulator/clock')).body.now as string
    const r4 = await run(b.taskId, c2.connectionId) // still running
    const ids = async (query: string) => (await ctx.client.get(`/v2/task-runs${query}`)).body.data.map((r: { id: string }) => r.id)
    expect(await ids('')).toEqual([r4, r3, r2, r1])
    expect(await ids(`?connection_id=${c1.connectionId}`)).toEqual([r2, r1])
    expect(await ids(`?task_id=${a.taskId}`)).toEqual([r3, r1])
    expect(await ids(`?agent_id=${b.agentId}`)).toEqual([r4, r2])
    expect(await ids(`?source_id=${c2.sourceId}`)).toEqual([r4, r3])
    expect(await ids('?status=completed')).toEqual([r2, r1])
    expect(await ids('?status=canceled')).toEqual([r3])
    expect(await ids('?status=running')).toEqual([r4])
    expect(await ids('?result=success')).toEqual([r2, r1])
    expect(await ids(`?result=success&task_id=${b.taskId}`)).toEqual([r2])
    expect(await ids(`?created_after=${t1}`)).toEqual([r4, r3]) // exclusive: r2 was created at t1
    expect(await ids(`?created_before=${t1}`)).toEqual([r1])
    expect(await ids(`?created_after=${t1}&created_before=${t3}`)).toEqual([r3])
    const page1 = (await ctx.client.get('/v2/task-runs?limit=3&status=completed')).body
    expect(page1).toMatchObject({ has_more: false, next_cursor: null })
    const first = (await ctx.client.get('/v2/task-runs?limit=2')).body
    expect(first.has_more).toBe(true)
    const second = (await ctx.client.get(`/v2/task-runs?limit=2&cursor=${first.next_cursor}`)).body
    expect([...first.data, ...second.data].map((r: { id: string }) => r.id)).toEqual([r4, r3, r2, r1])
    expect(first.data[0].external_id).toBeNull()
  })

  it('rejects bad filters with 400 input_invalid naming the field', async () => {
    const ctx = await setup()
    for (const [query, field] of [
      ['status=done', 'status'],
      ['result=ok', 'result'],
      ['created_after=yesterday', 'created_after'],
      ['created_before=1', 'created_before'],
      ['limit=0', 'limit'],
    ]) {
      const res = await ctx.client.get(`/v2/task-runs?${query}`)
      expect(res.status).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'input_invalid', field })
    }
  })
})
