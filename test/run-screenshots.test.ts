import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { bytesOf, pngInfo } from './helpers/files.js'

const SCENARIO = `
name: screenshots
clock: manual
agents: [{ id: agt_a, name: A }]
tasks:
  - id: task_long
    agent_id: agt_a
    name: Twelve seconds
    run:
      - reasoning: Opening the statements page
      - duration: 7s
      - reasoning: Downloading the January statement
      - duration: 5s
`

async function world() {
  const ctx = await setup({ scenario: SCENARIO })
  const conn = await ctx.connect(await ctx.source(), 'user_good')
  return { ...ctx, conn }
}

describe('task run screenshots', () => {
  it('about one per 5 s of runtime, oldest first, with scripted reasoning and real PNGs', async () => {
    const { client, emulator, conn, advance } = await world()
    const run = (await client.post('/v2/tasks/task_long/run', { connection_id: conn })).body.id
    await advance('12s')
    expect((await client.get(`/v2/task-runs/${run}`)).body).toMatchObject({ status: 'completed', runtime_ms: 12_000 })
    const list = (await client.get(`/v2/task-runs/${run}/screenshots`)).body
    expect(list.data.map((s: any) => s.file_name)).toEqual(['1.png', '2.png', '3.png'])
    const times = list.data.map((s: any) => Date.parse(s.created_at))
    expect(times[1] - times[0]).toBe(5000)
    expect(list.data.map((s: any) => s.reasoning)).toEqual(['Opening the statements page', 'Opening the statements page', 'Downloading the January statement'])
    for (const shot of list.data) {
      expect(shot.file_type).toBe('image/png')
      const res = await emulator.fetch(shot.url)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      const bytes = await bytesOf(res)
      expect(bytes.length).toBe(shot.file_size)
      expect(pngInfo(bytes)).toEqual({ width: 320, height: 200 })
    }
    // Paginated, oldest first.
    const page = (await client.get(`/v2/task-runs/${run}/screenshots?limit=2`)).body
    expect(page.data.map((s: any) => s.file_name)).toEqual(['1.png', '2.png'])
    expect(page.has_more).toBe(true)
    const next = (await client.get(`/v2/task-runs/${run}/screenshots?limit=2&cursor=${page.next_cursor}`)).body
    expect(next.data.map((s: any) => s.file_name)).toEqual(['3.png'])
    expect(next.has_more).toBe(false)
    expect((await client.get(`/v2/task-runs/${run}/screenshots?cursor=bogus`)).body.errors[0].code).toBe('cursor_invalid')
  })

  it('at least one per run, with generated reasoning, and a tampered screenshot url is refused', async () => {
    const { client, emulator, conn, advance } = await world()
    const agent = (await client.post('/v2/agents', { name: 'B' })).body.id
    const task = (await client.post('/v2/tasks', { name: 'T', agent_id: agent })).body.id
    const run = (await client.post(`/v2/tasks/${task}/run`, { connection_id: conn })).body.id
    await advance('1s')
    const [shot, ...rest] = (await client.get(`/v2/task-runs/${run}/screenshots`)).body.data
    expect(rest).toEqual([])
    expect(shot.reasoning.length).toBeGreaterThan(10)
    expect((await emulator.fetch(shot.url.replace('1.png', '2.png'))).status).toBe(403)
  })

  it('are kept 15 days', async () => {
    const { client, emulator, conn, advance } = await world()
    const run = (await client.post('/v2/tasks/task_long/run', { connection_id: conn })).body.id
    await advance('12s')
    await advance('14d')
    const [shot] = (await client.get(`/v2/task-runs/${run}/screenshots`)).body.data
    expect((await emulator.fetch(shot.url)).status).toBe(200)
    await advance('2d')
    expect((await client.get(`/v2/task-runs/${run}/screenshots`)).body.data).toEqual([])
    expect((await emulator.fetch(shot.url)).status).toBe(403) // its url expired too (1 h)
  })
})

describe('include= on a task run', () => {
  const STORAGE = `
name: inc
clock: manual
agents: [{ id: agt_a, name: A }]
tasks:
  - id: task_docs
    agent_id: agt_a
    name: Docs
    storage: { enabled: true }
    run: [{ duration: 6s }, { files: [{ name: a.csv, type: text/csv, content: "a,b\\n1,2\\n" }] }]
`
  it('adds only the sections asked for; left-out ones are absent, not null', async () => {
    const ctx = await setup({ scenario: STORAGE })
    const conn = await ctx.connect(await ctx.source(), 'user_good')
    const run = (await ctx.client.post('/v2/tasks/task_docs/run', { connection_id: conn, input: { q: 1 } })).body.id
    await ctx.advance('6s')
    const get = async (q: string) => (await ctx.client.get(`/v2/task-runs/${run}${q}`)).body
    const plain = await get('')
    expect(plain).not.toHaveProperty('storage')
    expect(plain).not.toHaveProperty('artifacts')
    expect(plain.input).toEqual({ q: 1 }) // the connections generation always shows input
    const storage = await get('?include=storage')
    expect(storage.storage).toHaveLength(1)
    expect(storage.storage[0].url).toContain('/_files/')
    expect((await ctx.emulator.fetch(storage.storage[0].url)).status).toBe(200)
    expect(storage).not.toHaveProperty('artifacts')
    const artifacts = await get('?include=artifacts')
    expect(artifacts.artifacts.screenshots).toHaveLength(2)
    expect(artifacts).not.toHaveProperty('storage')
    expect((await get('?include=screenshots')).artifacts).toEqual(artifacts.artifacts)
    const all = await get('?include=input,storage,screenshots')
    expect(Object.keys(all)).toEqual(expect.arrayContaining(['input', 'storage', 'artifacts']))
    expect((await get('?include=input&include=storage')).storage).toHaveLength(1)
    const bad = await ctx.client.get(`/v2/task-runs/${run}?include=input,logs`)
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'include' })
  })
})
