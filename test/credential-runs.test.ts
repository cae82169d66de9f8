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
      object: 'task_run',
      status: 'queued',
      result: null,
      task_id: taskId,
      credential_id: credentialId,
      workflow_id: null,
      agent_id: agentId,
      source_id: sourceId,
      input: { q: 1 },
      errors: [],
      interaction: null,
      canceled_at: null,
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
      'credential.created',
      'task_run.queued',
      'session.queued',
      'session.running',
      'task_run.running',
      'task_run.interaction_required',
      'task_run.running',
      'credential.verified',
      'task_run.completed',
      'session.idle',
    ])
    for (const event of eventsOf(ctx.emulator, ctx.key, 'task_run.')) {
      expect(Object.keys(event.data).sort()).toEqual([
        'agent_id',
        'created_at',
        'credential_id',
        'external_id',
        'id',
        'object',
        'result',
        'runtime_ms',
        'session_id',
        'source_id',
        'status',
        'task_id',
        'updated_at',
      ])
      expect(event.data.external_id).toBe('user_123')
    }
    for (const event of eventsOf(ctx.emulator, ctx.key, 'credential.')) expect(event.data).not.toHaveProperty('auth_credentials')
    for (const event of eventsOf(ctx.emulator, ctx.key, 'session.'))
      expect(Object.keys(event.data).sort()).toEqual(['created_at', 'id', 'object', 'runtime_ms', 'status', 'updated_at'])
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

const SCENARIO = [
  'name: cred-runs',
  'clock: manual',
  'sources:',
  '  - id: src_bank',
  '    interaction_timeout: 5m',
  '    accounts:',
  '      - { username: alice, password: right, login: [ { mfa: { code: "111111" } }, connected ] }',
  '      - { username: locked, login: [ blocked ] }',
  '      - { username: slowpoke, login: [ { delay: 30s }, timeout ] }',
  '      - { username: old, password: pw, login: [ connected ], session: { expire_credentials_after: 1h } }',
  'agents: [{ id: agt_a, name: Statements }]',
  'tasks:',
  '  - { id: task_review, agent_id: agt_a, name: Download statements, run: [ { duration: 2s }, review, { output: { count: 2 } } ] }',
  '  - { id: task_plain, agent_id: agt_a, name: Plain }',
].join('\n')

async function scenarioCtx() {
  const ctx = await setup()
  const loaded = await ctx.client.put('/_emulator/scenario', SCENARIO)
  if (loaded.status !== 200) throw new Error(JSON.stringify(loaded.body))
  const cred = async (username: string, password = 'pw') =>
    (await ctx.client.post('/v2/credentials', { source_id: 'src_bank', auth_method: 'username_password', auth_credentials: { username, password } })).body
      .id as string
  return { ctx, cred }
}

describe('task runs on credentials: outcomes, review, cancel, body rules', () => {
  it('rejected password → credential invalid, run failed auth/auth_invalid; PATCH the password and retry → verified, completed', async () => {
    const { ctx, cred } = await scenarioCtx()
    const id = await cred('alice', 'wrong')
    const first = await runOn(ctx, 'task_plain', { credential_id: id })
    await ctx.advance('0s')
    expect(await getRun(ctx, first.id)).toMatchObject({ status: 'failed', result: 'failure', errors: [{ type: 'auth', code: 'auth_invalid' }] })
    expect((await getCredential(ctx, id)).status).toBe('invalid')
    // Decision: an invalid credential may run (201); the login fails the same way.
    const again = await runOn(ctx, 'task_plain', { credential_id: id })
    await ctx.advance('0s')
    expect((await getRun(ctx, again.id)).errors[0].code).toBe('auth_invalid')
    expect((await ctx.client.patch(`/v2/credentials/${id}`, { auth_credentials: { password: 'right' } })).body.status).toBe('unverified')
    const retry = await runOn(ctx, 'task_plain', { credential_id: id })
    const answer = (await ctx.client.get(`/_emulator/task-runs/${retry.id}/expected-answer`)).body
    expect(answer).toMatchObject({ input: { code: '111111' } })
    await ctx.client.post(`/v2/task-runs/${retry.id}/interaction`, { input: answer.input })
    await ctx.advance('1s')
    expect((await getRun(ctx, retry.id)).status).toBe('completed')
    expect((await getCredential(ctx, id)).status).toBe('verified')
    expect(eventTypes(ctx.emulator, ctx.key, 'credential.')).toEqual([
      'credential.created',
      'credential.invalid',
      'credential.unverified',
      'credential.verified',
    ])
  })

  it('blocked → source/source_blocked (credential unchanged); timeout → session failed, session/timeout', async () => {
    const { ctx, cred } = await scenarioCtx()
    const locked = await cred('locked')
    const run = await runOn(ctx, 'task_plain', { credential_id: locked })
    await ctx.advance('0s')
    expect((await getRun(ctx, run.id)).errors).toMatchObject([{ type: 'source', code: 'source_blocked' }])
    expect((await getCredential(ctx, locked)).status).toBe('unverified')
    const slow = await cred('slowpoke')
    const timed = await runOn(ctx, 'task_plain', { credential_id: slow })
    await ctx.advance('29s')
    expect((await getRun(ctx, timed.id)).status).toBe('running')
    await ctx.advance('1s')
    expect(await getRun(ctx, timed.id)).toMatchObject({ status: 'failed', errors: [{ type: 'session', code: 'timeout' }] })
    expect((await getSession(ctx, timed.session_id)).status).toBe('failed')
  })

  it('an unanswered login question → interaction/interaction_timeout after interaction_timeout', async () => {
    const { ctx, cred } = await scenarioCtx()
    const run = await runOn(ctx, 'task_plain', { credential_id: await cred('alice', 'right') })
    await ctx.advance('299s')
    expect((await getRun(ctx, run.id)).status).toBe('interaction_required')
    await ctx.advance('1s')
    expect(await getRun(ctx, run.id)).toMatchObject({ status: 'failed', errors: [{ type: 'interaction', code: 'interaction_timeout' }] })
    expect((await getSession(ctx, run.session_id)).status).toBe('completed')
  })

  it('expire_credentials_after: a login after that long since the password was given → invalid', async () => {
    const { ctx, cred } = await scenarioCtx()
    const id = await cred('old')
    const first = await runOn(ctx, 'task_plain', { credential_id: id })
    await ctx.advance('1s')
    expect((await getRun(ctx, first.id)).status).toBe('completed')
    await ctx.advance('1h')
    const later = await runOn(ctx, 'task_plain', { credential_id: id })
    await ctx.advance('0s')
    expect((await getRun(ctx, later.id)).errors[0].code).toBe('auth_invalid')
    expect((await getCredential(ctx, id)).status).toBe('invalid')
  })

  it('a review step holds the run in review_required until the control plane approves (or rejects)', async () => {
    const { ctx, cred } = await scenarioCtx()
    const id = await cred('old')
    const run = await runOn(ctx, 'task_review', { credential_id: id })
    await ctx.advance('2s')
    expect((await getRun(ctx, run.id)).status).toBe('review_required')
    // Held until decided: the task's timeout (30 min by default) does not end a review.
    await ctx.advance('1h')
    expect((await getRun(ctx, run.id)).status).toBe('review_required')
    const approved = await ctx.client.post(`/_emulator/task-runs/${run.id}/review`, { approve: true })
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ status: 'completed', output: { count: 2 } })
    expect((await ctx.client.post(`/_emulator/task-runs/${run.id}/review`, { approve: true })).status).toBe(409)
    const other = await runOn(ctx, 'task_review', { session_id: run.session_id })
    await ctx.advance('2s')
    const rejected = await ctx.client.post(`/_emulator/task-runs/${other.id}/review`, { approve: false })
    expect(rejected.body).toMatchObject({ status: 'failed', errors: [{ code: 'review_rejected' }] })
    expect(eventTypes(ctx.emulator, ctx.key, 'task_run.review_required')).toHaveLength(2)
  })

  it('cancel → canceling now, canceled on the next tick; from a finished run → 409', async () => {
    const { ctx, cred } = await scenarioCtx()
    const run = await runOn(ctx, 'task_review', { credential_id: await cred('old') })
    await ctx.advance('2s')
    const canceling = await ctx.client.post(`/v2/task-runs/${run.id}/cancel`)
    expect(canceling.body.status).toBe('canceling')
    expect(await getRun(ctx, run.id)).toMatchObject({ status: 'canceled', result: null, canceled_at: expect.any(String) })
    expect((await ctx.client.post(`/v2/task-runs/${run.id}/cancel`)).body.errors[0].code).toBe('invalid_state')
    expect((await getSession(ctx, run.session_id)).status).toBe('idle')
  })

  it('a source_id-only run skips the login; body rules: both ids → 400, none → 400, another source → 400, unknown include → 400', async () => {
    const { ctx, cred } = await scenarioCtx()
    const run = await runOn(ctx, 'task_plain', { source_id: 'src_bank' })
    expect(run).toMatchObject({ credential_id: null, source_id: 'src_bank' })
    await ctx.advance('1s')
    expect((await getRun(ctx, run.id)).status).toBe('completed')
    const id = await cred('old')
    const post = (body: unknown) => ctx.client.post('/v2/tasks/task_plain/run', body)
    expect((await post({ connection_id: 'conn_x', credential_id: id })).body.errors[0]).toMatchObject({ code: 'input_invalid' })
    expect((await post({})).body.errors[0]).toMatchObject({ code: 'input_missing' })
    expect((await post({ credential_id: id, source_id: 'src_other' })).body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'source_id' })
    expect((await post({ credential_id: 'cred_missing' })).body.errors[0].code).toBe('credential_not_found')
    expect((await post({ session_id: 'sess_missing' })).body.errors[0].code).toBe('session_not_found')
    const include = await ctx.client.get(`/v2/task-runs/${run.id}?include=input,bogus`)
    expect(include.status).toBe(400)
    expect(include.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'include' })
    expect(Object.keys((await ctx.client.get(`/v2/task-runs/${run.id}?include=input`)).body)).toContain('input')
  })

  it('lists with status arrays, the cancelling alias, outcome, credential_id and search', async () => {
    const { ctx, cred } = await scenarioCtx()
    const id = await cred('old')
    const done = await runOn(ctx, 'task_plain', { credential_id: id })
    await ctx.advance('1s')
    const held = await runOn(ctx, 'task_review', { session_id: done.session_id })
    await ctx.advance('2s')
    const failed = await runOn(ctx, 'task_plain', { credential_id: await cred('locked') })
    await ctx.advance('0s')
    const ids = async (q: string) => (await ctx.client.get(`/v2/task-runs?${q}`)).body.data.map((r: { id: string }) => r.id)
    expect(await ids('')).toEqual([failed.id, held.id, done.id])
    expect(await ids('status=completed&status=review_required')).toEqual([held.id, done.id])
    expect(await ids('status[]=failed')).toEqual([failed.id])
    expect(await ids('outcome=success,failure')).toEqual([failed.id, done.id])
    expect(await ids(`credential_id=${id}`)).toEqual([held.id, done.id])
    expect(await ids('search=statements')).toEqual([held.id])
    expect(await ids(`search=${done.id}`)).toEqual([done.id])
    expect(await ids('status=cancelling')).toEqual([])
    expect((await ctx.client.get('/v2/task-runs?status=bogus')).body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'status' })
    const withInput = (await ctx.client.get('/v2/task-runs?include=input')).body.data
    expect(withInput.every((r: object) => 'input' in r)).toBe(true)
    expect((await ctx.client.get('/v2/task-runs')).body.data.some((r: object) => 'input' in r)).toBe(false)
  })
})
