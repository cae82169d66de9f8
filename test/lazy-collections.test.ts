import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { exited, removeTempDirs, startCli, tempDir } from './helpers/cli.js'

// Collections owned by resource modules (tenant/collection.ts) are not made by Tenants.build:
// they appear on the first write, persist like any other field, and reads never create them.
const LAZY = ['agents', 'tasks', 'task_scripts', 'destinations', 'deliveries'] as const
const storedTenant = (db: string, key: string) => (JSON.parse(readFileSync(db, 'utf8')) as { tenants: Record<string, Record<string, unknown>> }).tenants[key]!
const walSize = (db: string) => statSync(`${db}.wal`, { throwIfNoEntry: false })?.size ?? 0

afterAll(removeTempDirs)

describe('lazily created collections', () => {
  it('a new tenant has none of them, and reading them writes nothing', async () => {
    const db = join(tempDir('lazy-read'), 'db.json')
    const key = freshKey('lazyread')
    const emulator = await createEmulator({ storage: { type: 'file', path: db }, clock: 'manual' })
    const client = api(emulator.fetch, key)
    expect((await client.get('/v2/agents')).status).toBe(200) // creates the tenant (one write)
    const before = walSize(db)
    for (const path of ['/v2/agents', '/v2/tasks', '/v2/event-destinations', '/v2/agents/agent_nope', '/v2/tasks/task_nope']) await client.get(path)
    await client.post('/v2/sources', { type: 'website', website: { url: 'https://bank.example.com' } }) // an event: looks for destinations
    const afterEvent = walSize(db)
    expect(readFileSync(`${db}.wal`, 'utf8').slice(before)).not.toMatch(/"(agents|tasks|task_scripts|destinations|deliveries)"/)
    await client.get('/v2/event-destinations')
    expect(walSize(db)).toBe(afterEvent)
    await emulator.close()
    const stored = storedTenant(db, key)
    for (const field of LAZY) expect(stored, field).not.toHaveProperty(field)
  })

  it('the first write creates one; it survives a restart and a kill -9', async () => {
    const db = join(tempDir('lazy-kill9'), 'db.json')
    const key = freshKey('lazykill')
    const { child, url } = await startCli(['--db', db, '--port', '0', '--clock', 'manual'])
    const client = api((path, init) => fetch(path.startsWith('http') ? path : url + path, init), key)
    const agent = (await client.post('/v2/agents', { name: 'Docs agent' })).body.id as string
    const task = (await client.post('/v2/tasks', { agent_id: agent, name: 'Fetch docs', prompt: 'Fetch the documents' })).body.id as string
    const destination = (await client.post('/v2/event-destinations', { name: 'Hook', events: ['*'], webhook: { url: 'https://hooks.example.com/deck' } })).body
      .id as string
    // Acknowledged, so in the WAL: killed before any snapshot is written.
    child.kill('SIGKILL')
    await exited(child)

    const restarted = await createEmulator({ storage: { type: 'file', path: db } })
    const again = api(restarted.fetch, key)
    expect((await again.get(`/v2/agents/${agent}`)).body.tasks.map((t: { id: string }) => t.id)).toEqual([task])
    expect((await again.get(`/v2/tasks/${task}`)).body.name).toBe('Fetch docs')
    expect((await again.get(`/v2/event-destinations/${destination}`)).status).toBe(200)
    await restarted.close()
    const stored = storedTenant(db, key)
    expect(Object.keys(stored.agents as object)).toEqual([agent])
    expect(Object.keys(stored.destinations as object)).toEqual([destination])
  })

  it('a database written when Tenants.build made them all (empty) still opens and keeps working', async () => {
    const db = join(tempDir('lazy-old'), 'db.json')
    const key = freshKey('lazyold')
    const first = await createEmulator({ storage: { type: 'file', path: db }, clock: 'manual' })
    const source = (await api(first.fetch, key).post('/v2/sources', { type: 'website', website: { url: 'https://bank.example.com' } })).body.id as string
    await first.close()
    const file = JSON.parse(readFileSync(db, 'utf8')) as { tenants: Record<string, Record<string, unknown>> }
    for (const field of LAZY) file.tenants[key]![field] = {}
    writeFileSync(db, JSON.stringify(file))

    const second = await createEmulator({ storage: { type: 'file', path: db } })
    const client = api(second.fetch, key)
    expect((await client.get(`/v2/sources/${source}`)).status).toBe(200)
    expect((await client.get('/v2/agents')).body.data).toEqual([])
    const agent = (await client.post('/v2/agents', { name: 'Later' })).body.id as string
    await second.close()
    const third = await createEmulator({ storage: { type: 'file', path: db } })
    expect((await api(third.fetch, key).get(`/v2/agents/${agent}`)).body.name).toBe('Later')
    await third.close()
  })

  it('a client id that names an Object.prototype member finds nothing in an absent collection', async () => {
    const emulator = await createEmulator({ clock: 'manual' })
    const client = api(emulator.fetch, freshKey('lazyproto'))
    for (const id of ['constructor', '__proto__', 'toString']) {
      expect((await client.get(`/v2/agents/${id}`)).status).toBe(404)
      expect((await client.get(`/v2/tasks/${id}`)).status).toBe(404)
      expect((await client.get(`/v2/event-destinations/${id}`)).status).toBe(404)
    }
    await emulator.close()
  })
})
