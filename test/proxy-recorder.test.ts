import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { formatResult } from '../src/replay/report.js'
import { runScenarioText } from '../src/replay/runner.js'
import { localTarget } from '../src/replay/target.js'
import { parseScenario } from '../src/scenario/load.js'
import { Recorder } from '../src/proxy/record/recorder.js'
import { routeIndex } from '../src/proxy/route-index.js'
import { api, freshKey } from './helpers/api.js'

/** The emulator's own fetch, with every exchange handed to a recorder as the proxy does. */
function recordingFetch(emulator: Emulator, recorder: Recorder, enabled: { on: boolean }) {
  return async (path: string, init: RequestInit = {}) => {
    const res = await emulator.fetch(path, init)
    const body = Buffer.from(await res.arrayBuffer())
    const url = new URL(path, 'http://x')
    if (enabled.on) {
      recorder.observe({
        method: init.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        requestHeaders: {},
        requestBody: Buffer.from(typeof init.body === 'string' ? init.body : ''),
        status: res.status,
        responseHeaders: res.headers,
        responseBody: body,
      })
    }
    return new Response(body, { status: res.status, headers: res.headers })
  }
}

const WORLD = `
name: upstream-world
clock: manual
agents: [{ id: agt_docs, name: Documents }]
tasks:
  - id: task_statements
    agent_id: agt_docs
    name: Download statements
    run: [{ duration: 1s }, { mfa: { message: Code for the statements, code: "777111" } }, { output: { files: 2 } }]
  - id: task_broken
    agent_id: agt_docs
    name: Broken
    run: [{ fail: { code: page_down, message: The page is down. } }]
`

describe('the recorder, on sessions with every login outcome and task runs', () => {
  let emulator: Emulator
  beforeEach(async () => {
    emulator = await createEmulator({ clock: 'manual', storage: { type: 'memory' } })
  })
  afterEach(async () => {
    await emulator.close()
  })

  it('writes a scenario that validates, holds no secret, and replays green', async () => {
    const recorder = new Recorder(routeIndex(), 'https://api.deck.co')
    const enabled = { on: false }
    const deck = api(recordingFetch(emulator, recorder, enabled), freshKey('recorder'))
    expect((await deck.put('/_emulator/scenario', WORLD, { 'content-type': 'application/yaml' })).status).toBe(200)
    const source = (await deck.post('/v2/sources', { type: 'website', name: 'Acme', website: { url: 'https://acme.example.com' } })).body
    const before = (await deck.post('/v2/connections', { source_id: source.id, auth_credentials: { username: 'user_good', password: 'p' } })).body
    enabled.on = true
    await deck.get(`/v2/connections/${before.id}`) // existed before the recording: left out
    await deck.get(`/v2/sources/${source.id}`) // seen: its name and url are recorded

    const create = (username: string, password = 'pw-1-secret', headers?: Record<string, string>) =>
      deck.post('/v2/connections', { source_id: source.id, auth_credentials: { username, password } }, headers).then((r) => r.body.id as string)
    const get = (id: string) => deck.get(`/v2/connections/${id}`).then((r) => r.body)

    const q = await create('user_question')
    await get(q)
    await deck.post(`/v2/connections/${q}/interaction`, { inputs: { answer: 'felix-secret' } })
    await get(q)
    await deck.post(`/v2/connections/${q}/interaction`, { inputs: { answer: 'rex' } })
    expect((await get(q)).status).toBe('connected')

    const a = await create('user_accounts')
    const picker = await get(a)
    await deck.post(`/v2/connections/${a}/interaction`, { inputs: { account_id: picker.interaction.fields[0].options[1].value } })
    expect((await get(a)).status).toBe('connected')

    const locked = await create('user_locked')
    expect((await get(locked)).errors[0].code).toBe('blocked')

    const d = await create('user_drop', 'pw-2-secret', { 'idempotency-key': 'drop-1' })
    expect(await create('user_drop', 'pw-2-secret', { 'idempotency-key': 'drop-1' })).toBe(d) // replayed, recorded once
    await get(d)
    await deck.post('/_emulator/clock/advance', { by: '2m' })
    expect((await get(d)).status).toBe('disconnected') // nobody asked: a transition step
    await deck.post(`/v2/connections/${d}/reopen`)
    expect((await get(d)).status).toBe('connected')

    const run = (await deck.post('/v2/tasks/task_statements/run', { connection_id: q, input: {} })).body
    await deck.get('/v2/tasks/task_statements')
    await deck.post('/_emulator/clock/advance', { by: '1s' })
    expect((await deck.get(`/v2/task-runs/${run.id}`)).body.status).toBe('interaction_required')
    await deck.post(`/v2/task-runs/${run.id}/interaction`, { inputs: { code: '777111' } })
    expect((await deck.get(`/v2/task-runs/${run.id}`)).body).toMatchObject({ status: 'completed', output: { files: 2 } })
    const broken = (await deck.post('/v2/tasks/task_broken/run', { connection_id: a, input: {} })).body
    expect((await deck.get(`/v2/task-runs/${broken.id}`)).body.status).toBe('failed')
    // Another account's run of the same task, canceled: an override for that account (one script per task and account).
    const slow = (await deck.post('/v2/tasks/task_statements/run', { connection_id: a, input: {} })).body
    expect((await deck.post(`/v2/task-runs/${slow.id}/cancel`)).body.status).toBe('canceled')

    const text = recorder.scenarioText()
    for (const secret of ['pw-1-secret', 'pw-2-secret', 'felix-secret', '777111', deck.key, before.id]) expect(text).not.toContain(secret)
    const doc = parseScenario(text, 'recorded.yaml')
    const acme = doc.sources.find((s) => s.id === source.id)!
    expect(acme).toMatchObject({ name: 'Acme', url: 'https://acme.example.com' })
    expect(acme.accounts.map((x) => [x.username, x.login.map((step) => step.kind)])).toEqual([
      ['user_question', ['security_question', 'connected']],
      ['user_accounts', ['account_selection', 'connected']],
      ['user_locked', ['blocked']],
      ['user_drop', ['connected']],
    ])
    expect(doc.steps.filter((s) => 'create_connection' in s)).toHaveLength(4)
    expect(doc.steps).toContainEqual({ transition: { connection: 'user_drop', status: 'disconnected' } })
    expect(doc.tasks.find((t) => t.id === 'task_statements')).toMatchObject({
      name: 'Download statements',
      run: [
        { kind: 'mfa', message: 'Code for the statements' },
        { kind: 'output', value: { files: 2 } },
      ],
      overrides: [{ username: 'user_accounts', run: [{ kind: 'duration', ms: 3_600_000 }] }],
    })

    const target = await localTarget()
    try {
      const result = await runScenarioText(text, 'recorded.yaml', target)
      expect(result.ok, `${formatResult(result, { quiet: false })}\n\n${text}`).toBe(true)
    } finally {
      await target.close()
    }
  })
})
