import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { eventTypes } from './helpers/tasks.js'

const scenario = (plan = '') => `
name: timeouts
clock: manual
${plan}
agents: [{ id: agt_a, name: A }]
tasks:
  - { id: task_short, agent_id: agt_a, name: Short, settings: { timeout_seconds: 90 }, run: [{ duration: 10m }] }
  - { id: task_default, agent_id: agt_a, name: Default, run: [{ duration: 2h }] }
  - { id: task_ask, agent_id: agt_a, name: Ask, settings: { timeout_seconds: 120 }, run: [{ mfa: { code: "1" } }] }
`

async function world(plan?: string) {
  const ctx = await setup({ scenario: scenario(plan) })
  const conn = await ctx.connect(await ctx.source(), 'user_good')
  const run = async (task: string) => (await ctx.client.post(`/v2/tasks/${task}/run`, { connection_id: conn })).body.id as string
  const get = async (id: string) => (await ctx.client.get(`/v2/task-runs/${id}`)).body
  return { ...ctx, conn, run, get }
}

describe('task timeouts', () => {
  it('settings.timeout_seconds stops a run on the tenant clock with task/timeout', async () => {
    const { run, get, advance } = await world()
    const id = await run('task_short')
    await advance('89s')
    expect((await get(id)).status).toBe('running')
    await advance('1s')
    expect(await get(id)).toMatchObject({
      status: 'failed',
      result: 'failure',
      runtime_ms: 90_000,
      errors: [{ type: 'task', code: 'timeout', message: 'Task execution exceeded the timeout of 1.5 minutes.' }],
    })
  })

  it('defaults to 30 minutes, and covers a run waiting for an interaction answer', async () => {
    const { run, get, advance, client } = await world()
    const id = await run('task_default')
    await advance('29m')
    expect((await get(id)).status).toBe('running')
    await advance('1m')
    expect((await get(id)).errors).toEqual([{ type: 'task', code: 'timeout', message: 'Task execution exceeded the timeout of 30 minutes.' }])
    expect((await client.get('/v2/tasks/task_default')).body.settings).toEqual({ timeout_seconds: 1800 })
    const asking = await run('task_ask')
    await advance('1s')
    expect((await get(asking)).status).toBe('interaction_required')
    // Answer wrong twice, each within the interaction timeout: the task timeout still counts from the start.
    for (let i = 0; i < 2; i++) {
      await client.post(`/v2/task-runs/${asking}/interaction`, { inputs: { code: '9' } })
      await advance('59s')
    }
    expect((await get(asking)).status).toBe('interaction_required')
    await advance('1s')
    expect((await get(asking)).status).toBe('failed')
    expect((await get(asking)).errors[0].code).toBe('timeout')
  })

  it('a finished run leaves no timeout behind', async () => {
    const { client, run, get, advance } = await world()
    const id = await run('task_short')
    await client.post(`/v2/task-runs/${id}/cancel`)
    await advance('10m')
    expect(await get(id)).toMatchObject({ status: 'canceled', errors: [] })
  })

  it('over the plan cap → 403 organization/plan_limit_exceeded on create and patch', async () => {
    const { client } = await world()
    const agent = (await client.post('/v2/agents', { name: 'A' })).body.id
    const over = await client.post('/v2/tasks', { name: 'T', agent_id: agent, settings: { timeout_seconds: 1801 } })
    expect(over.status).toBe(403)
    expect(over.body.errors[0]).toMatchObject({ type: 'organization', code: 'plan_limit_exceeded' })
    const ok = await client.post('/v2/tasks', { name: 'T', agent_id: agent, settings: { timeout_seconds: 1800 } })
    expect(ok.status).toBe(201)
    expect((await client.patch(`/v2/tasks/${ok.body.id}`, { settings: { timeout_seconds: 3600 } })).status).toBe(403)
    expect((await client.patch(`/v2/tasks/${ok.body.id}`, { settings: { timeout_seconds: 60 } })).body.settings).toEqual({ timeout_seconds: 60 })
    expect((await client.post('/v2/tasks', { name: 'T', agent_id: agent, settings: { timeout_seconds: 'x' } })).body.errors[0]).toMatchObject({
      code: 'input_invalid',
      field: 'settings.timeout_seconds',
    })
  })

  it('a scenario plan raises the cap; above 30 minutes the 30-minute inactivity auto-fail applies', async () => {
    const { client, get, advance, conn } = await world('plan: { max_task_timeout: 2h }')
    const agent = (await client.post('/v2/agents', { name: 'A' })).body.id
    const task = await client.post('/v2/tasks', { name: 'Long', agent_id: agent, settings: { timeout_seconds: 7200 } })
    expect(task.status).toBe(201)
    expect((await client.post('/v2/tasks', { name: 'T', agent_id: agent, settings: { timeout_seconds: 7201 } })).status).toBe(403)
    // The default script completes after 1 s; a long task of the scenario shows the inactivity rule.
    await client.patch('/v2/tasks/task_default', { settings: { timeout_seconds: 7200 } })
    const id = (await client.post('/v2/tasks/task_default/run', { connection_id: conn })).body.id
    await advance('29m')
    expect((await get(id)).status).toBe('running')
    await advance('1m')
    expect(await get(id)).toMatchObject({
      status: 'failed',
      errors: [{ type: 'task', code: 'timeout', message: 'Task execution was inactive for 30 minutes and timed out.' }],
    })
  })
})

describe('task reset and token', () => {
  it('POST /v2/tasks/{id}/reset → status learning and task.reset', async () => {
    const { client, emulator, key } = await world()
    const agent = (await client.post('/v2/agents', { name: 'A' })).body.id
    const task = (await client.post('/v2/tasks', { name: 'T', agent_id: agent, status: 'live' })).body
    const res = await client.post(`/v2/tasks/${task.id}/reset`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: task.id, object: 'task', status: 'learning' })
    expect((await client.get(`/v2/tasks/${task.id}`)).body.status).toBe('learning')
    expect(eventTypes(emulator, key, 'task.')).toEqual(['task.created', 'task.reset'])
    expect((await client.post('/v2/tasks/task_nope/reset')).body.errors[0].code).toBe('task_not_found')
  })

  it('POST /v2/token → 201 with a tk_ token expiring in 30 min', async () => {
    const { client } = await world()
    const res = await client.post('/v2/token')
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ object: 'token' })
    expect(res.body.id).toMatch(/^tok_/)
    expect(res.body.token).toMatch(/^tk_[\w-]{20,}$/)
    expect(Date.parse(res.body.expires_at) - Date.parse(res.body.created_at)).toBe(30 * 60 * 1000)
    expect((await client.post('/v2/token')).body.token).not.toBe(res.body.token)
  })
})
