import { describe, expect, it } from 'vitest'
import { allEvents } from '../src/tenant/event-log.js'
import { api, freshKey, setup } from './helpers/api.js'
import { bytesOf, pdfObjects, pngInfo } from './helpers/files.js'
import { conforms } from './helpers/tasks.js'

const SCENARIO = `
name: storage
clock: manual
agents: [{ id: agt_docs, name: Documents }]
tasks:
  - id: task_statements
    agent_id: agt_docs
    name: Download statements
    storage: { enabled: true, extraction: true, deduplication: true,
               extraction_schema: { type: object, required: [total, month], properties: { total: { type: number, minimum: 0 }, month: { type: string, enum: [jan, feb] } } } }
    run:
      - duration: 2s
      - files:
          - { name: statement_jan.pdf, type: application/pdf, size: 24kb }
          - { name: summary.csv, type: text/csv, content: "month,total\\njan,42.10\\n" }
          - { name: data.json, type: application/json, size: 3kb }
          - { name: page.png, type: image/png, size: 2kb }
          - { name: notes.txt, type: text/plain, size: 500 }
          - { name: rows.csv, type: text/csv, size: 4kb }
  - id: task_plain
    agent_id: agt_docs
    name: Plain storage
    storage: { enabled: true }
`

async function world(options: Parameters<typeof setup>[0] = {}) {
  const ctx = await setup({ scenario: SCENARIO, ...options })
  const src = await ctx.source()
  const conn = await ctx.connect(src, 'user_good')
  const run = async (task = 'task_statements', connection = conn) => {
    const res = await ctx.client.post(`/v2/tasks/${task}/run`, { connection_id: connection })
    expect(res.status).toBe(201)
    await ctx.advance('5s')
    return res.body.id as string
  }
  return { ...ctx, src, conn, run }
}

describe('storage items of a task run', () => {
  it('stores each scripted file as a storage item with storage.created, listed without url', async () => {
    const { client, emulator, key, run } = await world()
    const id = await run()
    expect((await client.get(`/v2/task-runs/${id}`)).body.status).toBe('completed')
    const list = (await client.get(`/v2/task-runs/${id}/storage`)).body
    expect(list.data).toHaveLength(6)
    expect(list.data.map((i: any) => i.file_name).sort()).toEqual(['data.json', 'notes.txt', 'page.png', 'rows.csv', 'statement_jan.pdf', 'summary.csv'])
    for (const item of list.data) {
      expect(item).not.toHaveProperty('url')
      expect(item).toMatchObject({ object: 'storage', task_run_id: id, result: 'success', metadata: {} })
      expect(item.id).toMatch(/^stor_/)
    }
    const created = allEvents(emulator.tenants.get(key)).filter((e) => e.type === 'storage.created')
    expect(created).toHaveLength(6)
    expect(created[0]!.data).not.toHaveProperty('url')
    const paged = (await client.get(`/v2/task-runs/${id}/storage?limit=4`)).body
    expect(paged.has_more).toBe(true)
    const rest = (await client.get(`/v2/task-runs/${id}/storage?limit=4&cursor=${paged.next_cursor}`)).body
    expect([...paged.data, ...rest.data].map((i: any) => i.id).sort()).toEqual(list.data.map((i: any) => i.id).sort())
    expect((await client.get('/v2/task-runs/trun_nope/storage')).status).toBe(404)
  })

  it('serves real files of each type with the exact bytes and content-type through the signed url, without an API key', async () => {
    const { client, emulator, run } = await world()
    const id = await run()
    const items = (await client.get(`/v2/task-runs/${id}/storage`)).body.data as any[]
    const byName = Object.fromEntries(
      await Promise.all(
        items.map(async (i) => {
          const one = (await client.get(`/v2/storage/${i.id}`)).body
          expect(one.url).toMatch(/^http:\/\/[^/]+\/_files\/[0-9a-f]{32}\/stor_\w+\?expires=\d+&signature=[\w-]+$/)
          const res = await emulator.fetch(one.url)
          expect(res.status).toBe(200)
          expect(res.headers.get('content-type')).toBe(i.file_type)
          const bytes = await bytesOf(res)
          expect(bytes.length).toBe(i.file_size)
          return [i.file_name, bytes]
        }),
      ),
    )
    expect(byName['summary.csv']!.toString()).toBe('month,total\njan,42.10\n')
    expect(pdfObjects(byName['statement_jan.pdf']!)).toBe(5)
    expect(byName['statement_jan.pdf']!.length).toBeGreaterThanOrEqual(24 * 1024)
    expect(pngInfo(byName['page.png']!)).toEqual({ width: 320, height: 200 })
    const json = JSON.parse(byName['data.json']!.toString())
    expect(json.items.length).toBeGreaterThan(10)
    const csv: string[] = byName['rows.csv']!.toString().trim().split('\n')
    expect(csv[0]).toBe('date,description,amount')
    expect(csv.slice(1).every((l) => /^\d{4}-\d{2}-\d{2},Transaction \d+,\d+\.\d{2}$/.test(l))).toBe(true)
    expect(byName['notes.txt']!.toString()).toMatch(/^Line 1 of notes.txt/)
  })

  it('extraction conforms to the extraction_schema', async () => {
    const { client, run } = await world()
    const id = await run()
    const items = (await client.get(`/v2/task-runs/${id}/storage`)).body.data as any[]
    const schema = (await client.get('/v2/tasks/task_statements')).body.storage.extraction_schema
    for (const item of items) expect(conforms(schema, item.extraction)).toBe(true)
    // Without extraction the field is null (and result still success).
    const plain = await run('task_plain')
    const [only] = (await client.get(`/v2/task-runs/${plain}/storage`)).body.data
    expect(only).toMatchObject({ extraction: null, result: 'success' })
  })

  it('the default run of a storage task stores one small generated file', async () => {
    const { client, emulator, run } = await world()
    const agent = (await client.post('/v2/agents', { name: 'A' })).body.id
    const task = (await client.post('/v2/tasks', { name: 'T', agent_id: agent, storage: { enabled: true } })).body
    expect(task.storage).toEqual({ enabled: true, extraction: false, deduplication: false, extraction_schema: null })
    const id = await run(task.id)
    const items = (await client.get(`/v2/task-runs/${id}/storage`)).body.data
    expect(items).toHaveLength(1)
    const url = (await client.get(`/v2/storage/${items[0].id}`)).body.url
    expect(pdfObjects(await bytesOf(await emulator.fetch(url)))).toBe(5)
    // A task without storage keeps nothing.
    const none = (await client.post('/v2/tasks', { name: 'N', agent_id: agent })).body.id
    expect((await client.get(`/v2/task-runs/${await run(none)}/storage`)).body.data).toEqual([])
  })

  it('deduplicates by content hash per task and connection', async () => {
    const ctx = await world()
    const first = await ctx.run()
    const second = await ctx.run()
    expect((await ctx.client.get(`/v2/task-runs/${first}/storage`)).body.data).toHaveLength(6)
    // Same content (the scripted CSV) again for the same task and connection: skipped; generated files differ.
    const names = (await ctx.client.get(`/v2/task-runs/${second}/storage`)).body.data.map((i: any) => i.file_name)
    expect(names).not.toContain('summary.csv')
    expect(names).toHaveLength(5)
    // Another connection: stored again.
    const other = await ctx.connect(ctx.src, 'user_good')
    const third = await ctx.run('task_statements', other)
    expect((await ctx.client.get(`/v2/task-runs/${third}/storage`)).body.data.map((i: any) => i.file_name)).toContain('summary.csv')
  })

  it('keeps duplicates when deduplication is off', async () => {
    const ctx = await world()
    const a = await ctx.run('task_plain')
    const b = await ctx.run('task_plain')
    const [ia] = (await ctx.client.get(`/v2/task-runs/${a}/storage`)).body.data
    const [ib] = (await ctx.client.get(`/v2/task-runs/${b}/storage`)).body.data
    expect(ia.id).not.toBe(ib.id)
  })
})

describe('signed file urls', () => {
  async function stored() {
    const ctx = await world()
    const id = await ctx.run()
    const item = (await ctx.client.get(`/v2/task-runs/${id}/storage`)).body.data.find((i: any) => i.file_name === 'summary.csv')
    const url = (await ctx.client.get(`/v2/storage/${item.id}`)).body.url as string
    return { ...ctx, item, url }
  }

  it('refuses any changed byte with 403', async () => {
    const { emulator, url } = await stored()
    expect((await emulator.fetch(url)).status).toBe(200)
    const u = new URL(url)
    const sig = u.searchParams.get('signature')!
    const variants = [
      url.replace(/signature=(.)/, (_m, c: string) => `signature=${c === 'A' ? 'B' : 'A'}`),
      url.replace(`signature=${sig}`, `signature=${sig.slice(0, -1)}`),
      url.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 3600}`),
      url.replace(/expires=/, 'expires=0'),
      url.replace(/stor_(\w)/, (_m, c: string) => `stor_${c === 'a' ? 'b' : 'a'}`),
      url.replace(/_files\/(.)/, (_m, c: string) => `_files/${c === 'a' ? 'b' : 'a'}`),
      url.replace(/&signature=[^&]+/, ''),
    ]
    for (const v of variants) {
      const res = await emulator.fetch(v)
      expect(res.status, v).toBe(403)
      expect((await res.json()).errors[0]).toMatchObject({ type: 'request', code: 'signature_invalid' })
    }
  })

  it('expires after 1 h of the tenant clock', async () => {
    const { emulator, url, advance } = await stored()
    await advance('59m')
    expect((await emulator.fetch(url)).status).toBe(200)
    await advance('2m')
    const res = await emulator.fetch(url)
    expect(res.status).toBe(403)
    expect((await res.json()).errors[0].code).toBe('url_expired')
  })

  it('keeps tenants apart: another key cannot read the item, and its urls cannot reach the files', async () => {
    const { emulator, item, url } = await stored()
    const other = api((input, init) => emulator.fetch(input, init), freshKey('other'))
    expect((await other.get(`/v2/storage/${item.id}`)).status).toBe(404)
    // The other tenant's own namespace with this file id: the signature no longer matches.
    const otherNs = url.replace(/_files\/[0-9a-f]{32}/, `_files/${'0'.repeat(32)}`)
    expect((await emulator.fetch(otherNs)).status).toBe(403)
  })

  it('never shows the signing key or the API key in a url', async () => {
    const { url, key } = await stored()
    expect(url).not.toContain(key)
  })
})

describe('storage retention', () => {
  it('deletes items after 90 days with storage.deleted; the url then answers 404', async () => {
    const { client, emulator, key, run, advance } = await world()
    const id = await run()
    const [item] = (await client.get(`/v2/task-runs/${id}/storage`)).body.data
    await advance('89d')
    expect((await client.get(`/v2/storage/${item.id}`)).status).toBe(200)
    await advance('2d')
    expect((await client.get(`/v2/storage/${item.id}`)).body.errors[0].code).toBe('storage_not_found')
    expect((await client.get(`/v2/task-runs/${id}/storage`)).body.data).toEqual([])
    const deleted = allEvents(emulator.tenants.get(key)).filter((e) => e.type === 'storage.deleted')
    expect(deleted).toHaveLength(6)
  })
})
