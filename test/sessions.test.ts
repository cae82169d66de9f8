import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { credential, getCredential, getRun, getSession, plainTask, runOn } from './helpers/credentials.js'
import { eventTypes } from './helpers/tasks.js'

describe('sessions', () => {
  it('a run with session_id reuses the session with no second login; runs take turns (the next waits queued)', async () => {
    const ctx = await setup()
    const { taskId, agentId } = await plainTask(ctx)
    const { credentialId } = await credential(ctx, 'user_mfa')
    const first = await runOn(ctx, taskId, { credential_id: credentialId })
    await ctx.client.post(`/v2/task-runs/${first.id}/interaction`, { input: { code: '123456' } })
    // The session is busy with the first run: the second waits queued.
    const second = await runOn(ctx, taskId, { session_id: first.session_id })
    expect(second).toMatchObject({ status: 'queued', session_id: first.session_id, credential_id: credentialId })
    await ctx.advance('0s')
    expect((await getRun(ctx, second.id)).status).toBe('queued')
    await ctx.advance('1s')
    expect((await getRun(ctx, first.id)).status).toBe('completed')
    // No second login: no interaction, straight to running.
    expect((await getRun(ctx, second.id)).status).toBe('running')
    await ctx.advance('1s')
    expect((await getRun(ctx, second.id)).status).toBe('completed')
    const session = await getSession(ctx, first.session_id)
    expect(session).toMatchObject({
      object: 'session',
      status: 'idle',
      task_runs: [
        { id: first.id, task_id: taskId, agent_id: agentId, credential_id: credentialId },
        { id: second.id, task_id: taskId, agent_id: agentId, credential_id: credentialId },
      ],
    })
    expect(session.runtime_ms).toBe(2000)
    expect(eventTypes(ctx.emulator, ctx.key, 'task_run.interaction_required')).toHaveLength(1)
    // The second run starts as the first ends: the session stays running in between.
    expect(eventTypes(ctx.emulator, ctx.key, 'session.')).toEqual(['session.queued', 'session.running', 'session.idle'])
  })

  it('POST /end: completing → completed, its active run canceling → canceled; again → 200; runs on it → 409 session_not_active', async () => {
    const ctx = await setup()
    const { taskId } = await plainTask(ctx)
    const { credentialId } = await credential(ctx)
    const run = await runOn(ctx, taskId, { credential_id: credentialId })
    await ctx.advance('0s')
    expect((await getRun(ctx, run.id)).status).toBe('running')
    const ended = await ctx.client.post(`/v2/sessions/${run.session_id}/end`)
    expect(ended.status).toBe(200)
    expect(ended.body.status).toBe('completing')
    expect((await getSession(ctx, run.session_id)).status).toBe('completed')
    expect(await getRun(ctx, run.id)).toMatchObject({ status: 'canceled', canceled_at: expect.any(String) })
    const again = await ctx.client.post(`/v2/sessions/${run.session_id}/end`)
    expect(again.status).toBe(200)
    expect(again.body.status).toBe('completed')
    const reuse = await ctx.client.post(`/v2/tasks/${taskId}/run`, { session_id: run.session_id })
    expect(reuse.status).toBe(409)
    expect(reuse.body.errors[0].code).toBe('session_not_active')
    expect((await ctx.client.get('/v2/sessions/sess_missing')).body.errors[0].code).toBe('session_not_found')
    expect(eventTypes(ctx.emulator, ctx.key, 'session.')).toEqual(['session.queued', 'session.running', 'session.completing', 'session.completed'])
    expect(eventTypes(ctx.emulator, ctx.key, 'task_run.')).toEqual(['task_run.queued', 'task_run.running', 'task_run.canceling', 'task_run.canceled'])
  })

  it('an idle session closes after the source idle timeout (tenant clock); a run in between restarts it', async () => {
    const ctx = await setup()
    const { taskId } = await plainTask(ctx)
    const { credentialId } = await credential(ctx)
    const run = await runOn(ctx, taskId, { credential_id: credentialId })
    await ctx.advance('1s')
    expect((await getSession(ctx, run.session_id)).status).toBe('idle')
    await ctx.advance('9m')
    await runOn(ctx, taskId, { session_id: run.session_id })
    await ctx.advance('1s')
    await ctx.advance('599s')
    expect((await getSession(ctx, run.session_id)).status).toBe('idle')
    await ctx.advance('1s')
    expect((await getSession(ctx, run.session_id)).status).toBe('completed')
    expect(eventTypes(ctx.emulator, ctx.key, 'session.').slice(-2)).toEqual(['session.completing', 'session.completed'])
  })

  it('drop_after (user_drop) fails the session and its active run', async () => {
    const ctx = await setup()
    const { taskId } = await plainTask(ctx, { input_schema: null })
    // A long run: the scripted drop happens in the middle of it.
    await ctx.client.put(
      '/_emulator/scenario',
      [
        'name: drop',
        'clock: manual',
        'sources: [{ id: src_bank }]',
        'agents: [{ id: agt_a, name: A }]',
        'tasks: [{ id: task_long, agent_id: agt_a, name: Long, run: [{ duration: 5m }] }]',
      ].join('\n'),
    )
    void taskId
    const { credentialId } = await credential(ctx, 'user_drop', {}, 'src_bank')
    const run = await runOn(ctx, 'task_long', { credential_id: credentialId })
    await ctx.advance('59s')
    expect((await getRun(ctx, run.id)).status).toBe('running')
    await ctx.advance('1s')
    expect(await getRun(ctx, run.id)).toMatchObject({ status: 'failed', errors: [{ type: 'session', code: 'session_ended' }] })
    expect((await getSession(ctx, run.session_id)).status).toBe('failed')
    expect((await getCredential(ctx, credentialId)).status).toBe('verified')
    const end = await ctx.client.post(`/v2/sessions/${run.session_id}/end`)
    expect(end.status).toBe(409)
    expect(end.body.errors[0].code).toBe('invalid_state')
  })

  it('limits.sessions: a run needing a new session beyond it → 429 session_limit_exceeded with Retry-After; freed as sessions end', async () => {
    const ctx = await setup()
    await ctx.client.put(
      '/_emulator/scenario',
      [
        'name: limit',
        'clock: manual',
        'limits: { sessions: 1 }',
        'sources: [{ id: src_bank }]',
        'agents: [{ id: agt_a, name: A }]',
        'tasks: [{ id: task_t, agent_id: agt_a, name: T }]',
      ].join('\n'),
    )
    const { credentialId } = await credential(ctx, 'user_good', {}, 'src_bank')
    const run = await runOn(ctx, 'task_t', { credential_id: credentialId })
    const over = await ctx.client.post('/v2/tasks/task_t/run', { credential_id: credentialId })
    expect(over.status).toBe(429)
    expect(over.body.errors[0]).toMatchObject({ type: 'rate_limit', code: 'session_limit_exceeded', message: 'Agent sandbox limit exceeded.' })
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // Reusing the session does not count.
    expect((await ctx.client.post('/v2/tasks/task_t/run', { session_id: run.session_id })).status).toBe(201)
    await ctx.client.post(`/v2/sessions/${run.session_id}/end`)
    expect((await ctx.client.post('/v2/tasks/task_t/run', { credential_id: credentialId })).status).toBe(201)
  })
})
