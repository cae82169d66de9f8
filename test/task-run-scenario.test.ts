import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../src/scenario/load.js'
import { readFileSync } from 'node:fs'
import { setup } from './helpers/api.js'
import { conforms, eventTypes } from './helpers/tasks.js'

const FILE = fileURLToPath(new URL('../scenarios/task-run.yaml', import.meta.url))

/** Plays scenarios/task-run.yaml's `steps` through the API, step by step, until the replay runner exists. */
describe('scenarios/task-run.yaml', () => {
  it('loads, with its agent, task and run script', async () => {
    const doc = parseScenario(readFileSync(FILE, 'utf8'), FILE)
    expect(doc.tasks[0]?.run?.map((s) => s.kind)).toEqual(['duration', 'mfa', 'duration', 'pending'])
    expect(doc.steps.map((s) => Object.keys(s)[0])).toContain('run_task')
  })

  it('runs the task end to end with an MFA during the run', async () => {
    const { client, advance, emulator, key } = await setup({ scenario: FILE })
    // create_connection → expect connected
    const conn = await client.post('/v2/connections', {
      source_id: 'src_acme_shop',
      auth_method: 'username_password',
      auth_credentials: { username: 'alice@example.com', password: 'correct-horse' },
      external_id: 'user_123',
    })
    expect((await client.get(`/v2/connections/${conn.body.id}`)).body.status).toBe('connected')
    // run_task → expect running
    const run = await client.post('/v2/tasks/task_search_orders/run', { connection_id: conn.body.id, input: { query: 'running shoes' } })
    expect(run.status).toBe(201)
    expect(run.body.status).toBe('queued')
    const r1 = `/v2/task-runs/${run.body.id}`
    expect((await client.get(r1)).body.status).toBe('running')
    // advance 2s → interaction_required (mfa)
    await advance('2s')
    const asking = (await client.get(r1)).body
    expect(asking.status).toBe('interaction_required')
    expect(asking.interaction).toMatchObject({ type: 'mfa', message: 'Enter the code we sent to ***-5678', fields: [{ name: 'code' }] })
    expect((await client.get(`/_emulator/task-runs/${run.body.id}/expected-answer`)).body.inputs).toEqual({ code: '246810' })
    // wrong code → re-prompt; right code → running
    expect((await client.post(`${r1}/interaction`, { inputs: { code: '000000' } })).body.status).toBe('running')
    expect((await client.get(r1)).body.status).toBe('interaction_required')
    expect((await client.post(`${r1}/interaction`, { inputs: { code: '246810' } })).body.status).toBe('running')
    expect((await client.get(r1)).body.status).toBe('running')
    await advance('1s')
    expect((await client.get(r1)).body.status).toBe('pending')
    await advance('30s')
    const done = (await client.get(r1)).body
    expect(done).toMatchObject({ status: 'completed', result: 'success', runtime_ms: 33_000, external_id: 'user_123', errors: [], interaction: null })
    const task = (await client.get('/v2/tasks/task_search_orders')).body
    expect(conforms(task.output_schema, done.output)).toBe(true)
    expect(eventTypes(emulator, key)).toEqual([
      'connection.connecting',
      'connection.connected',
      'task_run.queued',
      'task_run.running',
      'task_run.interaction_required',
      'task_run.running',
      'task_run.interaction_required',
      'task_run.running',
      'task_run.pending',
      'task_run.completed',
    ])
  })

  it('plays the per-account override for another user', async () => {
    const { client, advance } = await setup({ scenario: FILE })
    const conn = await client.post('/v2/connections', {
      source_id: 'src_acme_shop',
      auth_method: 'username_password',
      auth_credentials: { username: 'bob@example.com', password: 'x' },
    })
    await advance('0s')
    const run = await client.post('/v2/tasks/task_search_orders/run', { connection_id: conn.body.id, input: { query: 'x' } })
    await advance('1s')
    expect((await client.get(`/v2/task-runs/${run.body.id}`)).body).toMatchObject({
      status: 'failed',
      result: 'failure',
      output: null,
      errors: [{ type: 'task', code: 'order_history_unavailable', message: "The shop's order page is down." }],
    })
  })

  it('gives the same output for the same seed (and key), replayed after a reset', async () => {
    const outputs: unknown[] = []
    const { client, advance, emulator, key } = await setup({ scenario: FILE })
    for (let i = 0; i < 2; i++) {
      await emulator.reset(key)
      const conn = await client.post('/v2/connections', {
        source_id: 'src_acme_shop',
        auth_method: 'username_password',
        auth_credentials: { username: 'alice@example.com', password: 'correct-horse' },
      })
      const run = await client.post('/v2/tasks/task_search_orders/run', { connection_id: conn.body.id, input: { query: 'q' } })
      await advance('2s')
      await client.post(`/v2/task-runs/${run.body.id}/interaction`, { inputs: { code: '246810' } })
      await advance('31s')
      outputs.push((await client.get(`/v2/task-runs/${run.body.id}`)).body.output)
    }
    expect(outputs[0]).toBeTruthy()
    expect(outputs[1]).toEqual(outputs[0])
  })
})
