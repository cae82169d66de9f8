import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { api, freshKey, setup } from './helpers/api.js'
import { agentAndTask, connected } from './helpers/tasks.js'

const dir = mkdtempSync(join(tmpdir(), 'deck-task-runs-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('task runs: idempotency, restart, OpenAPI', () => {
  it('an Idempotency-Key on run creates exactly one run', async () => {
    const ctx = await setup()
    const { taskId } = await agentAndTask(ctx)
    const { connectionId } = await connected(ctx)
    const body = { connection_id: connectionId, input: { query: 'x' } }
    const first = await ctx.client.post(`/v2/tasks/${taskId}/run`, body, { 'idempotency-key': 'run-1' })
    const again = await ctx.client.post(`/v2/tasks/${taskId}/run`, body, { 'idempotency-key': 'run-1' })
    expect(again.body.id).toBe(first.body.id)
    expect((await ctx.client.get('/v2/task-runs')).body.data).toHaveLength(1)
  })

  it('a run in progress resumes after a restart (file storage)', async () => {
    const path = join(dir, 'db.json')
    const key = freshKey('durable')
    const scenario = {
      name: 'durable',
      clock: 'manual',
      sources: [{ id: 'src_s' }],
      agents: [{ id: 'agt_a', name: 'A' }],
      tasks: [{ id: 'task_t', agent_id: 'agt_a', name: 'T', run: [{ duration: '1m' }, { mfa: { code: '9' } }, { output: { done: true } }] }],
    }
    const one = await createEmulator({ storage: { type: 'file', path }, scenario })
    const c1 = api((i, init) => one.fetch(i, init), key)
    const conn = (
      await c1.post('/v2/connections', { source_id: 'src_s', auth_method: 'username_password', auth_credentials: { username: 'user_good', password: 'p' } })
    ).body.id
    const run = (await c1.post('/v2/tasks/task_t/run', { connection_id: conn, input: {} })).body.id
    await one.clock.advance('30s', key)
    await one.close()

    const two = await createEmulator({ storage: { type: 'file', path }, scenario })
    const c2 = api((i, init) => two.fetch(i, init), key)
    expect((await c2.get(`/v2/task-runs/${run}`)).body.status).toBe('running')
    await two.clock.advance('30s', key)
    expect((await c2.get(`/v2/task-runs/${run}`)).body.status).toBe('interaction_required')
    await c2.post(`/v2/task-runs/${run}/interaction`, { inputs: { code: '9' } })
    expect((await c2.get(`/v2/task-runs/${run}`)).body).toMatchObject({ status: 'completed', output: { done: true }, runtime_ms: 60_000 })
    const live = (await c2.post('/v2/tasks/task_t/run', { connection_id: conn, input: {} })).body.id
    await two.close()

    // After another restart, a session end still finds the live run (the in-memory index is rebuilt).
    const three = await createEmulator({ storage: { type: 'file', path }, scenario })
    const c3 = api((i, init) => three.fetch(i, init), key)
    await c3.post(`/v2/connections/${conn}/disconnect`)
    expect((await c3.get(`/v2/task-runs/${live}`)).body).toMatchObject({ status: 'failed', errors: [{ code: 'session_ended' }] })
    await three.close()
  })

  it('the OpenAPI document describes agents, tasks and task runs', async () => {
    const { client } = await setup()
    const doc = (await client.get('/v2/openapi.json')).body
    for (const path of [
      '/v2/agents',
      '/v2/agents/{id}',
      '/v2/tasks',
      '/v2/tasks/{id}',
      '/v2/tasks/{id}/run',
      '/v2/task-runs',
      '/v2/task-runs/{id}',
      '/v2/task-runs/{id}/cancel',
      '/v2/task-runs/{id}/interaction',
    ]) {
      expect(doc.paths[path], path).toBeDefined()
    }
    const params = doc.paths['/v2/task-runs'].get.parameters.map((p: { name: string }) => p.name)
    expect(params).toEqual(expect.arrayContaining(['connection_id', 'task_id', 'agent_id', 'source_id', 'status', 'result', 'created_after', 'created_before']))
  })

  it('unknown methods and paths get the Deck envelopes', async () => {
    const { client } = await setup()
    expect((await client.put('/v2/task-runs/trun_x', {})).status).toBe(405)
    expect((await client.get('/v2/task-runs/trun_x/nope')).body.errors[0].code).toBe('route_not_found')
  })
})
