import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { allEvents } from '../src/tenant/event-log.js'
import { api, freshKey } from './helpers/api.js'
import { exited, startCli, tempDir } from './helpers/cli.js'
import { bytesOf, pdfObjects } from './helpers/files.js'

const SCENARIO = `
name: durable-storage
clock: manual
agents: [{ id: agt_docs, name: Documents }]
tasks:
  - id: task_docs
    agent_id: agt_docs
    name: Docs
    storage: { enabled: true }
    run:
      - duration: 1s
      - files:
          - { name: statement.pdf, type: application/pdf, size: 64kb }
          - { name: rows.csv, type: text/csv, size: 8kb }
`

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
function world(label: string) {
  const dir = tempDir(label)
  dirs.push(dir)
  const scenario = join(dir, 'storage.yaml')
  writeFileSync(scenario, SCENARIO)
  return { dir, db: join(dir, 'db.json'), scenario }
}

const filesIn = (root: string) => (existsSync(root) ? readdirSync(root).flatMap((ns) => readdirSync(join(root, ns)).map((f) => join(root, ns, f))) : [])

describe('stored files with file storage', () => {
  it('are on disk (not in the db), survive a restart with their urls still valid, and retention removes them from disk', async () => {
    const { db, scenario } = world('files')
    const key = freshKey('files')
    const first = await createEmulator({ storage: { type: 'file', path: db }, scenario })
    const client = api(first.fetch, key)
    const src = (await client.post('/v2/sources', { type: 'website', name: 'S', website: { url: 'https://s.example.com' } })).body.id
    const conn = (
      await client.post('/v2/connections', { source_id: src, auth_method: 'username_password', auth_credentials: { username: 'user_good', password: 'pw' } })
    ).body.id
    const run = (await client.post('/v2/tasks/task_docs/run', { connection_id: conn })).body.id
    await first.clock.advance('2s', key)
    const items = (await client.get(`/v2/task-runs/${run}/storage`)).body.data
    const urls = await Promise.all(items.map(async (i: any) => (await client.get(`/v2/storage/${i.id}`)).body.url as string))
    const before = await Promise.all(urls.map(async (u) => bytesOf(await first.fetch(u))))
    await first.close()

    const files = filesIn(`${db}.files`)
    expect(files).toHaveLength(2)
    // A file no record points at (a crash between writing the bytes and committing the record) goes at the next start.
    writeFileSync(join(dirname(files[0]!), 'stor_orphan0000000000'), 'x')
    expect(statSync(`${db}.signing-key`).mode & 0o777).toBe(0o600)
    expect(statSync(db).size).toBeLessThan(64 * 1024) // the bytes are not in the world's snapshot

    const second = await createEmulator({ storage: { type: 'file', path: db }, scenario })
    expect(filesIn(`${db}.files`).sort()).toEqual(files.sort())
    for (const [i, url] of urls.entries()) {
      const res = await second.fetch(url)
      expect(res.status).toBe(200)
      expect((await bytesOf(res)).equals(before[i]!)).toBe(true)
    }
    expect(pdfObjects(before[items.findIndex((i: any) => i.file_name === 'statement.pdf')]!)).toBe(5)
    await second.clock.advance('91d', key)
    expect(allEvents(second.tenants.get(key)).filter((e) => e.type === 'storage.deleted')).toHaveLength(2)
    const after = api(second.fetch, key)
    expect((await after.get(`/v2/storage/${items[0].id}`)).status).toBe(404)
    expect(filesIn(`${db}.files`)).toEqual([])
    await second.close()
  })

  it('every acknowledged file still downloads after a kill -9 while files are being written', async () => {
    const { db, scenario } = world('files-kill9')
    const key = freshKey('fkill9')
    const { child, url } = await startCli(['--db', db, '--port', '0', '--scenario', scenario, '--clock', 'manual'])
    const client = api((path, init) => fetch(path.startsWith('http') ? path : url + path, init), key)
    const src = (await client.post('/v2/sources', { type: 'website', name: 'S', website: { url: 'https://s.example.com' } })).body.id
    const acknowledged = new Map<string, number>()
    let stop = false
    const writers = Array.from({ length: 4 }, async () => {
      try {
        const conn = (
          await client.post('/v2/connections', {
            source_id: src,
            auth_method: 'username_password',
            auth_credentials: { username: 'user_good', password: 'pw' },
          })
        ).body.id
        while (!stop) {
          const run = (await client.post('/v2/tasks/task_docs/run', { connection_id: conn })).body.id
          await client.post('/_emulator/clock/advance', { by: '1s' })
          const list = await client.get(`/v2/task-runs/${run}/storage`)
          for (const item of list.body.data ?? []) acknowledged.set(item.id, item.file_size)
        }
      } catch {
        // the process is gone
      }
    })
    while (acknowledged.size < 40) await new Promise((r) => setTimeout(r, 5))
    child.kill('SIGKILL')
    stop = true
    await Promise.all(writers)
    await exited(child)

    const restarted = await createEmulator({ storage: { type: 'file', path: db } })
    const after = api(restarted.fetch, key)
    const missing: string[] = []
    for (const [id, size] of acknowledged) {
      const item = await after.get(`/v2/storage/${id}`)
      const res = item.status === 200 ? await restarted.fetch(item.body.url) : undefined
      const bytes = res?.status === 200 ? await bytesOf(res) : undefined
      if (bytes?.length !== size) missing.push(id)
    }
    expect(missing).toEqual([])
    await restarted.close()
  }, 60_000)
})
