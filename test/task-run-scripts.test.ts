import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { eventTypes } from './helpers/tasks.js'

/** A world whose tasks each play one script, on a source with a 2-minute interaction timeout. */
const SCENARIO = {
  name: 'scripts',
  sources: [{ id: 'src_shop', interaction_timeout: '2m' }],
  agents: [{ id: 'agt_a', name: 'Agent A' }],
  tasks: [
    { id: 'task_queued', agent_id: 'agt_a', name: 'Waits in the queue', run: [{ queued: '10s' }, { duration: '5s' }] },
    { id: 'task_slow', agent_id: 'agt_a', name: 'Runs 1 min', run: [{ duration: '1m' }] },
    {
      id: 'task_mfa',
      agent_id: 'agt_a',
      name: 'Asks a code',
      run: [{ duration: '1s' }, { mfa: { message: 'Code?', code: '4242', max_attempts: 2 } }, { duration: '1s' }, { output: { ok: true } }],
    },
    { id: 'task_review', agent_id: 'agt_a', name: 'Human review', run: [{ pending: '10m' }, { output: { approved: true } }] },
    {
      id: 'task_fail',
      agent_id: 'agt_a',
      name: 'Fails',
      run: [{ duration: '2s' }, { fail: { code: 'login_wall', message: 'A login wall appeared.', result: 'unknown' } }],
    },
    { id: 'task_question', agent_id: 'agt_a', name: 'Asks a question', run: [{ security_question: { question: 'Pet?', answer: 'Rex' } }] },
    {
      id: 'task_by_source',
      agent_id: 'agt_a',
      name: 'Overridden',
      run: [{ output: { who: 'default' } }],
      overrides: [
        { source_id: 'src_other', run: [{ output: { who: 'source' } }] },
        { username: 'vip', run: [{ output: { who: 'account' } }] },
      ],
    },
  ],
}

async function world() {
  const ctx = await setup({ scenario: SCENARIO })
  const connectionId = await ctx.connect('src_shop', 'user_good')
  await ctx.advance('0s')
  const start = async (task: string) => {
    const res = await ctx.client.post(`/v2/tasks/${task}/run`, { connection_id: connectionId, input: {} })
    if (res.status !== 201) throw new Error(JSON.stringify(res.body))
    return res.body.id as string
  }
  const get = async (id: string) => (await ctx.client.get(`/v2/task-runs/${id}`)).body
  return { ...ctx, connectionId, start, get }
}

describe('scripted runs', () => {
  it('queued: waits, then runs', async () => {
    const w = await world()
    const id = await w.start('task_queued')
    await w.advance('9s')
    expect((await w.get(id)).status).toBe('queued')
    await w.advance('1s')
    expect((await w.get(id)).status).toBe('running')
    await w.advance('5s')
    expect(await w.get(id)).toMatchObject({ status: 'completed', runtime_ms: 5000 })
  })

  it('mfa during a run: wrong answer re-prompts, the right one continues; the scripted output is returned as is', async () => {
    const w = await w_()
    const id = await w.start('task_mfa')
    await w.advance('1s')
    const asking = await w.get(id)
    expect(asking).toMatchObject({ status: 'interaction_required', interaction: { type: 'mfa', message: 'Code?', fields: [{ name: 'code', type: 'string' }] } })
    const missing = await w.client.post(`/v2/task-runs/${id}/interaction`, { inputs: {} })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0]).toMatchObject({ code: 'input_missing', field: 'inputs.code' })
    expect((await w.client.post(`/v2/task-runs/${id}/interaction`, { inputs: { code: '0000' } })).body.status).toBe('running')
    const again = await w.get(id)
    expect(again.status).toBe('interaction_required')
    expect(again.interaction.message).toMatch(/not accepted/)
    // `input` is accepted as well as `inputs`.
    expect((await w.client.post(`/v2/task-runs/${id}/interaction`, { input: { code: '4242' } })).status).toBe(200)
    await w.advance('1s')
    expect(await w.get(id)).toMatchObject({ status: 'completed', result: 'success', output: { ok: true }, interaction: null, runtime_ms: 2000 })
  })

  it('too many wrong answers fail the run', async () => {
    const w = await w_()
    const id = await w.start('task_mfa')
    await w.advance('1s')
    await w.client.post(`/v2/task-runs/${id}/interaction`, { inputs: { code: '1' } })
    await w.client.post(`/v2/task-runs/${id}/interaction`, { inputs: { code: '2' } })
    expect(await w.get(id)).toMatchObject({ status: 'failed', result: 'failure', errors: [{ type: 'interaction', code: 'interaction_failed' }] })
  })

  it('an unanswered interaction times out after the source interaction_timeout → failed interaction_timeout', async () => {
    const w = await w_()
    const id = await w.start('task_question')
    expect((await w.get(id)).interaction).toMatchObject({ type: 'security_question', fields: [{ name: 'answer' }] })
    expect((await w.client.get(`/_emulator/task-runs/${id}/expected-answer`)).body.inputs).toEqual({ answer: 'Rex' })
    await w.advance('119s')
    expect((await w.get(id)).status).toBe('interaction_required')
    await w.advance('1s')
    expect(await w.get(id)).toMatchObject({
      status: 'failed',
      result: 'failure',
      interaction: null,
      errors: [{ type: 'interaction', code: 'interaction_timeout' }],
    })
    // The connection is untouched: only the run failed.
    expect(await w.status(w.connectionId)).toBe('connected')
    const late = await w.client.post(`/v2/task-runs/${id}/interaction`, { inputs: { answer: 'Rex' } })
    expect(late.status).toBe(409)
    expect(late.body.errors[0].code).toBe('interaction_not_required')
  })

  it('pending, then the scripted output', async () => {
    const w = await w_()
    const id = await w.start('task_review')
    expect((await w.get(id)).status).toBe('pending')
    await w.advance('10m')
    expect(await w.get(id)).toMatchObject({ status: 'completed', output: { approved: true }, runtime_ms: 600_000 })
    expect(eventTypes(w.emulator, w.key, 'task_run.')).toEqual(['task_run.queued', 'task_run.running', 'task_run.pending', 'task_run.completed'])
    // A live run holds the session: the 10-minute idle timeout counts from the end of the run.
    expect(await w.status(w.connectionId)).toBe('connected')
    await w.advance('9m')
    expect(await w.status(w.connectionId)).toBe('connected')
    await w.advance('1m')
    expect(await w.status(w.connectionId)).toBe('disconnected')
  })

  it('fail: errors[] and result as scripted', async () => {
    const w = await w_()
    const id = await w.start('task_fail')
    await w.advance('2s')
    expect(await w.get(id)).toMatchObject({
      status: 'failed',
      result: 'unknown',
      output: null,
      errors: [{ type: 'task', code: 'login_wall', message: 'A login wall appeared.' }],
    })
  })

  it('overrides pick a script per source or account, first match wins', async () => {
    const w = await w_()
    const runFor = async (username: string) => {
      const conn = await w.connect('src_shop', username)
      await w.advance('0s')
      const res = await w.client.post('/v2/tasks/task_by_source/run', { connection_id: conn, input: {} })
      await w.advance('0s')
      return (await w.get(res.body.id)).output
    }
    expect(await runFor('user_good')).toEqual({ who: 'default' })
    expect(await runFor('vip')).toEqual({ who: 'account' })
  })
})

// `world` under a shorter name for readability above.
const w_ = world

describe('cancel', () => {
  const cancel = (w: Awaited<ReturnType<typeof world>>, id: string) => w.client.post(`/v2/task-runs/${id}/cancel`)

  for (const [status, task, wait] of [
    ['queued', 'task_queued', '0s'],
    ['running', 'task_slow', '0s'],
    ['pending', 'task_review', '0s'],
  ] as const) {
    it(`from ${status} → canceled`, async () => {
      const w = await world()
      const id = await w.start(task)
      await w.advance(wait)
      expect((await w.get(id)).status).toBe(status)
      await w.advance('1s')
      const res = await cancel(w, id)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ status: 'canceled', result: null, output: null, canceled_at: '2026-01-01T00:00:01.000Z' })
      expect(res.body.runtime_ms).toBe(status === 'queued' ? null : 1000)
      // Its script stops: nothing happens later.
      await w.advance('1h')
      expect((await w.get(id)).status).toBe('canceled')
      expect(eventTypes(w.emulator, w.key, 'task_run.').at(-1)).toBe('task_run.canceled')
    })
  }

  for (const [status, task, wait] of [
    ['interaction_required', 'task_question', '0s'],
    ['completed', 'task_review', '10m'],
    ['failed', 'task_fail', '2s'],
  ] as const) {
    it(`from ${status} → 409 invalid_state`, async () => {
      const w = await world()
      const id = await w.start(task)
      await w.advance(wait)
      expect((await w.get(id)).status).toBe(status)
      const res = await cancel(w, id)
      expect(res.status).toBe(409)
      expect(res.body.errors[0]).toMatchObject({ type: 'request', code: 'invalid_state' })
      expect(res.body.errors[0].message).toContain(status)
    })
  }

  it('from canceled → 409 invalid_state; unknown run → 404', async () => {
    const w = await world()
    const id = await w.start('task_slow')
    await cancel(w, id)
    expect((await cancel(w, id)).body.errors[0].code).toBe('invalid_state')
    expect((await w.client.post('/v2/task-runs/trun_nope/cancel')).status).toBe(404)
  })

  it('interaction on a run with nothing pending → 409 interaction_not_required', async () => {
    const w = await world()
    const id = await w.start('task_slow')
    const res = await w.client.post(`/v2/task-runs/${id}/interaction`, { inputs: { code: '1' } })
    expect(res.status).toBe(409)
    expect(res.body.errors[0].code).toBe('interaction_not_required')
    expect((await w.client.get(`/_emulator/task-runs/${id}/expected-answer`)).status).toBe(409)
  })
})

describe('output generation limits', () => {
  it('a schema the generator cannot satisfy fails the run with output_generation_failed, never a 500', async () => {
    const ctx = await setup()
    const agentId = (await ctx.client.post('/v2/agents', { name: 'A' })).body.id
    const task = (await ctx.client.post('/v2/tasks', { name: 'T', agent_id: agentId, output_schema: { type: 'string', pattern: '^(?=x)x$' } })).body
    const connectionId = await ctx.connect(await ctx.source(), 'user_good')
    await ctx.advance('0s')
    const run = (await ctx.client.post(`/v2/tasks/${task.id}/run`, { connection_id: connectionId, input: {} })).body
    await ctx.advance('1s')
    expect((await ctx.client.get(`/v2/task-runs/${run.id}`)).body).toMatchObject({
      status: 'failed',
      result: 'failure',
      errors: [{ type: 'task', code: 'output_generation_failed' }],
    })
  })
})
