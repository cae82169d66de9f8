import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { createDeckClient } from '../src/client/index.js'
import { api, freshKey, setup } from './helpers/api.js'
import { credential, getRun, plainTask, runOn } from './helpers/credentials.js'
import { eventTypes } from './helpers/tasks.js'

const dir = mkdtempSync(join(tmpdir(), 'deck-credentials-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('credentials generation: control plane, client, restart', () => {
  it('forces credential and session transitions with the natural events; illegal ones → 409', async () => {
    const ctx = await setup()
    const { taskId } = await plainTask(ctx)
    const { credentialId } = await credential(ctx)
    const forced = await ctx.client.post(`/_emulator/credentials/${credentialId}/transition`, { status: 'verified' })
    expect(forced.body.status).toBe('verified')
    expect((await ctx.client.post(`/_emulator/credentials/${credentialId}/transition`, { status: 'verified' })).status).toBe(409)
    expect((await ctx.client.post(`/_emulator/credentials/${credentialId}/transition`, { status: 'bogus' })).body.errors[0]).toMatchObject({ field: 'status' })
    const run = await runOn(ctx, taskId, { credential_id: credentialId })
    await ctx.advance('0s')
    const failed = await ctx.client.post(`/_emulator/sessions/${run.session_id}/transition`, { status: 'failed' })
    expect(failed.body.status).toBe('failed')
    expect((await getRun(ctx, run.id)).status).toBe('failed')
    expect((await ctx.client.post(`/_emulator/sessions/${run.session_id}/transition`, { status: 'idle' })).status).toBe(409)
    const other = await runOn(ctx, taskId, { credential_id: credentialId })
    await ctx.advance('1s')
    const closed = await ctx.client.post(`/_emulator/sessions/${other.session_id}/transition`, { status: 'completed' })
    expect(closed.body.status).toBe('completed')
    expect(eventTypes(ctx.emulator, ctx.key, 'credential.')).toEqual(['credential.created', 'credential.verified'])
    expect(eventTypes(ctx.emulator, ctx.key, 'session.')).toEqual([
      'session.queued',
      'session.running',
      'session.failed',
      'session.queued',
      'session.running',
      'session.idle',
      'session.completing',
      'session.completed',
    ])
  })

  it('wait?credential=, session=, task_run= answer once the status is reached (408 otherwise)', async () => {
    const ctx = await setup()
    const { taskId } = await plainTask(ctx)
    const { credentialId } = await credential(ctx, 'user_mfa')
    const run = await runOn(ctx, taskId, { credential_id: credentialId })
    expect((await ctx.client.get(`/_emulator/wait?task_run=${run.id}&status=interaction_required`)).body.id).toBe(run.id)
    expect((await ctx.client.get(`/_emulator/wait?session=${run.session_id}&status=running`)).body.id).toBe(run.session_id)
    expect((await ctx.client.get(`/_emulator/wait?credential=${credentialId}&status=verified&timeout=10ms`)).status).toBe(408)
    await ctx.client.post(`/v2/task-runs/${run.id}/interaction`, { input: { code: '123456' } })
    expect((await ctx.client.get(`/_emulator/wait?credential=${credentialId}&status=verified`)).body.status).toBe('verified')
    expect((await ctx.client.get(`/_emulator/wait?task_run=${run.id}`)).body.errors[0]).toMatchObject({ code: 'input_missing', field: 'status' })
  })

  it('the typed client drives the whole flow, in process and through msw-style fetch', async () => {
    const emulator = await createEmulator({ clock: 'manual' })
    const deck = createDeckClient({ apiKey: freshKey('client'), fetch: emulator.fetch })
    const source = await deck.sources.create({ url: 'https://s.example.com' })
    const agent = await deck.agents.create({ name: 'A' })
    const task = await deck.tasks.create({ name: 'T', agent_id: agent.id })
    const cred = await deck.credentials.create({ source_id: source.id, username: 'user_question', password: 'pw', external_id: 'u1' })
    expect(cred.status).toBe('unverified')
    const run = await deck.credentialRuns.run(task.id, { credential_id: cred.id })
    expect((await deck.credentialRuns.get(run.id)).status).toBe('interaction_required')
    const input = await deck.credentialRuns.expectedAnswer(run.id)
    expect(input).toEqual({ answer: 'rex' })
    await deck.credentialRuns.submitInteraction(run.id, input)
    await deck.emulator.advance('1s')
    expect((await deck.credentialRuns.get(run.id, ['input'])).input).toEqual({})
    expect((await deck.credentials.list({ status: ['verified', 'invalid'] })).data.map((c) => c.id)).toEqual([cred.id])
    expect((await deck.credentialRuns.list({ credential_id: cred.id, status: ['completed'] })).data).toHaveLength(1)
    expect((await deck.sessions.get(run.session_id)).status).toBe('idle')
    expect((await deck.sessions.end(run.session_id)).status).toBe('completing')
    expect((await deck.credentials.delete(cred.id)).deleted).toBe(true)
    await emulator.close()
  })

  it('a login waiting on an answer resumes after a restart (file storage), the password kept until delete', async () => {
    const path = join(dir, 'db.json')
    const key = freshKey('durable')
    const scenario = {
      name: 'durable',
      clock: 'manual',
      sources: [{ id: 'src_s', accounts: [{ username: 'ann', password: 'pw1', login: [{ delay: '1m' }, { mfa: { code: '7' } }, 'connected'] }] }],
      agents: [{ id: 'agt_a', name: 'A' }],
      tasks: [{ id: 'task_t', agent_id: 'agt_a', name: 'T', run: [{ duration: '1m' }] }],
    }
    const one = await createEmulator({ storage: { type: 'file', path }, scenario })
    const c1 = api((i, init) => one.fetch(i, init), key)
    const cred = (
      await c1.post('/v2/credentials', { source_id: 'src_s', auth_method: 'username_password', auth_credentials: { username: 'ann', password: 'pw1' } })
    ).body.id
    const run = (await c1.post('/v2/tasks/task_t/run', { credential_id: cred })).body
    await one.clock.advance('30s', key)
    await one.close()

    const two = await createEmulator({ storage: { type: 'file', path }, scenario })
    const c2 = api((i, init) => two.fetch(i, init), key)
    expect((await c2.get(`/v2/task-runs/${run.id}`)).body.status).toBe('running')
    await two.clock.advance('30s', key)
    expect((await c2.get(`/v2/task-runs/${run.id}`)).body.status).toBe('interaction_required')
    await c2.post(`/v2/task-runs/${run.id}/interaction`, { input: { code: '7' } })
    expect((await c2.get(`/v2/credentials/${cred}`)).body.status).toBe('verified')
    await two.clock.advance('1m', key)
    expect((await c2.get(`/v2/task-runs/${run.id}`)).body).toMatchObject({ status: 'completed', runtime_ms: 120_000 })
    expect((await c2.get(`/v2/sessions/${run.session_id}`)).body.status).toBe('idle')
    await two.close()
  })
})
