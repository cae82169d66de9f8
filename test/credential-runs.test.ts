import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { credential, getCredential, getRun, getSession, plainTask, runOn } from './helpers/credentials.js'
import { eventsOf, eventTypes } from './helpers/tasks.js'

describe('task runs on credentials: the login happens inside the run', () => {
  it('MFA during a run: interaction_required on the run, {"input"} answer, credential verified, run completed', async () => {
    const ctx = await setup()
    const { taskId, agentId } = await plainTask(ctx)
    const { credentialId, sourceId } = await credential(ctx, 'user_mfa', { external_id: 'user_123' })
    const created = await ctx.client.post(`/v2/tasks/${taskId}/run`, { credential_id: credentialId, input: { q: 1 } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      object: 'task_run', status: 'queued', result: null, task_id: taskId, credential_id: credentialId, workflow_id: null,
      agent_id: agentId, source_id: sourceId, input: { q: 1 }, errors: [], interaction: null, canceled_at: null,
    })
    expect(created.body.session_id).toMatch(/^sess_[A-Za-z0-9]{16}$/)
    const runId = created.body.id as string
    const asked = await getRun(ctx, runId)
    expect(asked).toMatchObject({ status: 'interaction_required', interaction: { type: 'mfa', fields: [{ name: 'code' }] } })
    expect(asked).not.toHaveProperty('input')
    expect((await getCredential(ctx, credentialId)).status).toBe('unverified')
    expect((await getSession(ctx, created.body.session_id)).status).toBe('running')

    const expected = await ctx.client.get(`/_emulator/task-runs/${runId}/expected-answer`)
    expect(expected.body).toMatchObject({ input: { code: '123456' } })
    const answered = await ctx.client.post(`/v2/task-runs/${runId}/interaction`, { input: { code: '123456' } })
    expect(answered.status).toBe(200)
    expect(answered.body.status).toBe('running')
    expect((await getCredential(ctx, credentialId)).status).toBe('verified')
    await ctx.advance('1s')
    const done = await getRun(ctx, runId, '?include=input')
    expect(done).toMatchObject({ status: 'completed', result: 'success', input: { q: 1 } })
    expect((await getSession(ctx, created.body.session_id)).status).toBe('idle')

    expect(eventTypes(ctx.emulator, ctx.key).filter((t) => !t.startsWith('agent.') && !t.startsWith('task.') && !t.startsWith('source.'))).toEqual([
      'credential.created', 'task_run.queued', 'session.queued', 'session.running', 'task_run.running', 'task_run.interaction_required',
      'task_run.running', 'credential.verified', 'task_run.completed', 'session.idle',
    ])
    for (const event of eventsOf(ctx.emulator, ctx.key, 'task_run.')) {
      expect(Object.keys(event.data).sort()).toEqual(['agent_id', 'created_at', 'credential_id', 'external_id', 'id', 'object', 'result', 'runtime_ms', 'session_id', 'source_id', 'status', 'task_id', 'updated_at'])
      expect(event.data.external_id).toBe('user_123')
    }
    for (const event of eventsOf(ctx.emulator, ctx.key, 'credential.')) expect(event.data).not.toHaveProperty('auth_credentials')
    for (const event of eventsOf(ctx.emulator, ctx.key, 'session.')) expect(Object.keys(event.data).sort()).toEqual(['created_at', 'id', 'object', 'runtime_ms', 'status', 'updated_at'])
  })

  it('a wrong code re-prompts; too many wrong answers → credential invalid, run failed auth/auth_invalid', async () => {
    const ctx = await setup()
    const { taskId } = await plainTask(ctx)
    const { credentialId } = await credential(ctx, 'user_mfa')
    const run = await runOn(ctx, taskId, { credential_id: credentialId })
    for (let i = 0; i < 2; i++) {
      expect((await ctx.client.post(`/v2/task-runs/${run.id}/interaction`, { inputs: { code: '000000' } })).status).toBe(200)
      expect(await getRun(ctx, run.id)).toMatchObject({ status: 'interaction_required', interaction: { message: expect.stringContaining('Try again') } })
    }
    await ctx.client.post(`/v2/task-runs/${run.id}/interaction`, { input: { code: '000000' } })
    expect(await getRun(ctx, run.id)).toMatchObject({ status: 'failed', result: 'failure', errors: [{ type: 'auth', code: 'auth_invalid' }] })
    expect((await getCredential(ctx, credentialId)).status).toBe('invalid')
    expect((await getSession(ctx, run.session_id)).status).toBe('completed')
  })
})
