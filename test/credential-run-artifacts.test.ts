import { describe, expect, it } from 'vitest'
import { allEvents } from '../src/tenant/event-log.js'
import { setup } from './helpers/api.js'
import { bytesOf, pngInfo } from './helpers/files.js'

/** The credentials generation's runs get the same artifacts as connection runs: files, screenshots, include=, timeouts. */
const SCENARIO = `
name: credential-artifacts
clock: manual
sources:
  - id: src_bank
    accounts:
      - { username: alice, password: pw, login: [ connected ] }
agents: [{ id: agt_docs, name: Documents }]
tasks:
  - id: task_statements
    agent_id: agt_docs
    name: Download statements
    storage: { enabled: true, deduplication: true }
    run:
      - reasoning: Opening the statements page
      - duration: 12s
      - files:
          - { name: statement_jan.pdf, type: application/pdf, size: 4kb }
          - { name: summary.csv, type: text/csv, content: "month,total\\njan,42.10\\n" }
      - output: { count: 2 }
  - { id: task_default_file, agent_id: agt_docs, name: Default file, storage: { enabled: true } }
  - { id: task_slow, agent_id: agt_docs, name: Slow, settings: { timeout_seconds: 60 }, run: [ { duration: 5m } ] }
`

async function world() {
  const ctx = await setup({ scenario: SCENARIO })
  const credential = (
    await ctx.client.post('/v2/credentials', {
      source_id: 'src_bank',
      auth_method: 'username_password',
      auth_credentials: { username: 'alice', password: 'pw' },
    })
  ).body.id as string
  const run = async (task: string, body: Record<string, unknown> = { credential_id: credential }) => {
    const res = await ctx.client.post(`/v2/tasks/${task}/run`, body)
    expect(res.status).toBe(201)
    return res.body.id as string
  }
  const get = async (id: string, include = '') => (await ctx.client.get(`/v2/task-runs/${id}${include ? `?include=${include}` : ''}`)).body
  return { ...ctx, credential, run, get }
}

describe('artifacts of credentials-generation runs', () => {
  it('stores scripted files behind signed URLs, lists them, and shows storage and screenshots with include=', async () => {
    const { client, emulator, key, run, get, advance } = await world()
    const id = await run('task_statements')
    await advance('20s')
    expect((await get(id)).status).toBe('completed')
    const list = (await client.get(`/v2/task-runs/${id}/storage`)).body
    expect(list.data.map((i: { file_name: string }) => i.file_name).sort()).toEqual(['statement_jan.pdf', 'summary.csv'])
    const csv = list.data.find((i: { file_name: string }) => i.file_name === 'summary.csv')
    const item = (await client.get(`/v2/storage/${csv.id}`)).body
    expect(item).toMatchObject({ object: 'storage', task_run_id: id, file_type: 'text/csv' })
    const download = await emulator.fetch(item.url)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(await download.text()).toBe('month,total\njan,42.10\n')
    expect(allEvents(emulator.tenants.get(key)).filter((e) => e.type === 'storage.created')).toHaveLength(2)

    const full = await get(id, 'input,storage,artifacts')
    expect(full.input).toEqual({})
    expect(full.storage).toHaveLength(2)
    expect(full.storage[0].url).toContain('/_files/')
    const shots = full.artifacts.screenshots
    expect(shots.length).toBeGreaterThanOrEqual(2) // ≈ one per 5 s of its 12 s
    expect(shots[0]).toMatchObject({ file_type: 'image/png', reasoning: 'Opening the statements page' })
    expect(pngInfo(await bytesOf(await emulator.fetch(shots[0].url)))).toMatchObject({ width: expect.any(Number) })
    // The alias fills the same section; left-out sections are absent.
    expect((await get(id, 'screenshots')).artifacts.screenshots).toHaveLength(shots.length)
    const plain = await get(id)
    expect(plain).not.toHaveProperty('storage')
    expect(plain).not.toHaveProperty('artifacts')
    expect(plain).not.toHaveProperty('input')
    expect((await client.get(`/v2/task-runs/${id}/screenshots`)).body.data).toHaveLength(shots.length)
  })

  it('deduplicates per task and credential, and a storage task without files keeps one generated file', async () => {
    const { client, run, advance } = await world()
    const first = await run('task_statements')
    await advance('20s')
    const second = await run('task_statements')
    await advance('20s')
    expect((await client.get(`/v2/task-runs/${first}/storage`)).body.data).toHaveLength(2)
    // The CSV has the same bytes again (skipped); the generated PDF is new content each run.
    expect((await client.get(`/v2/task-runs/${second}/storage`)).body.data.map((i: { file_name: string }) => i.file_name)).toEqual(['statement_jan.pdf'])
    const plain = await run('task_default_file')
    await advance('5s')
    expect((await client.get(`/v2/task-runs/${plain}/storage`)).body.data).toHaveLength(1)
  })

  it('settings.timeout_seconds fails the run with task/timeout and frees its session', async () => {
    const { run, get, advance, client } = await world()
    const id = await run('task_slow')
    await advance('59s')
    expect((await get(id)).status).toBe('running')
    await advance('1s')
    const failed = await get(id)
    expect(failed).toMatchObject({
      status: 'failed',
      errors: [{ type: 'task', code: 'timeout', message: 'Task execution exceeded the timeout of 1 minutes.' }],
    })
    expect((await client.get(`/v2/sessions/${failed.session_id}`)).body.status).toBe('idle')
  })

  it('an unknown run is 404 on the artifact routes', async () => {
    const { client } = await world()
    expect((await client.get('/v2/task-runs/trun_missing/storage')).status).toBe(404)
    expect((await client.get('/v2/task-runs/trun_missing/screenshots')).status).toBe(404)
  })
})
