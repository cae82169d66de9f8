import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { allEvents } from '../src/tenant/event-log.js'
import { api, freshKey } from './helpers/api.js'
import { exited, startCli, tempDir } from './helpers/cli.js'

const sourceBody = { type: 'website', website: { url: 'https://bank.example.com' } }
const connBody = (source_id: string, username: string) => ({ source_id, auth_method: 'username_password', auth_credentials: { username, password: 'pw' } })

describe('file storage', () => {
  it('keeps every acknowledged write across a clean restart, and writes the bytes to disk', async () => {
    const db = join(tempDir('restart'), 'db.json')
    const key = freshKey('restart')
    const first = await createEmulator({ storage: { type: 'file', path: db }, clock: 'manual' })
    const client = api(first.fetch, key)
    const src = (await client.post('/v2/sources', sourceBody)).body.id
    const conn = (await client.post('/v2/connections', connBody(src, 'user_mfa'))).body.id
    // Acknowledged writes are in the write-ahead log (the snapshot is rewritten at compaction/close).
    expect(statSync(`${db}.wal`).size).toBeGreaterThan(0)
    expect(readFileSync(`${db}.wal`, 'utf8')).toContain(conn)
    await first.close()

    const second = await createEmulator({ storage: { type: 'file', path: db } })
    const again = api(second.fetch, key)
    expect((await again.get(`/v2/connections/${conn}`)).body.status).toBe('interaction_required')
    await again.post(`/v2/connections/${conn}/interaction`, { inputs: { code: '123456' } })
    expect((await again.get(`/v2/connections/${conn}`)).body.status).toBe('connected')
    // The clock mode and position are part of the tenant's world too.
    expect(second.clock.now(key)).toBe('2026-01-01T00:00:00.000Z')
    await second.close()
  })

  it('resumes pending timers after a restart: a connection mid-login still completes', async () => {
    const db = join(tempDir('timers'), 'db.json')
    const key = freshKey('timers')
    let realNow = Date.parse('2026-03-01T12:00:00.000Z')
    const realClock = { now: () => realNow }
    const first = await createEmulator({ storage: { type: 'file', path: db }, realClock })
    const client = api(first.fetch, key)
    const src = (await client.post('/v2/sources', sourceBody)).body.id
    const slow = (await client.post('/v2/connections', connBody(src, 'user_slow'))).body.id
    expect((await client.get(`/v2/connections/${slow}`)).body.status).toBe('connecting')
    await first.close()

    realNow += 6_000 // the emulator was down while the login's 5 s passed
    const second = await createEmulator({ storage: { type: 'file', path: db }, realClock })
    const res = await api(second.fetch, key).get(`/v2/connections/${slow}`)
    expect(res.body.status).toBe('connected')
    await second.close()
  })

  it('refuses to start over a corrupt file, naming the file (never an empty world)', async () => {
    const dir = tempDir('corrupt')
    for (const [name, content] of [
      ['empty.json', ''],
      ['half.json', '{"version":1,"tenants":{"a'],
      ['junk.json', '\u0000\u0001garbage'],
      ['shape.json', '[1,2,3]'],
    ]) {
      const db = join(dir, name!)
      writeFileSync(db, content!)
      await expect(createEmulator({ storage: { type: 'file', path: db } })).rejects.toThrow(
        new RegExp(`${name!.replace('.', '\\.')}.*(corrupt|not a deck-emulator database)`),
      )
      expect(readFileSync(db, 'utf8')).toBe(content) // untouched
    }
  })

  it('fails fast when another emulator holds the file', async () => {
    const db = join(tempDir('lock'), 'db.json')
    const first = await createEmulator({ storage: { type: 'file', path: db } })
    await expect(createEmulator({ storage: { type: 'file', path: db } })).rejects.toThrow(/in use by another emulator/)
    await first.close()
    const second = await createEmulator({ storage: { type: 'file', path: db } })
    await second.close()
  })

  it('a second process on the same file fails fast with a clear message', async () => {
    const db = join(tempDir('lock2'), 'db.json')
    const { child } = await startCli(['--db', db, '--port', '0'])
    try {
      await expect(createEmulator({ storage: { type: 'file', path: db } })).rejects.toThrow(new RegExp(`another deck-emulator process \\(pid ${child.pid}\\)`))
    } finally {
      child.kill('SIGTERM')
      await exited(child)
    }
  })

  it('loses no acknowledged write when killed with SIGKILL in the middle of writes', async () => {
    const db = join(tempDir('kill9'), 'db.json')
    const key = freshKey('kill9')
    const { child, url } = await startCli(['--db', db, '--port', '0'])
    const client = api((path, init) => fetch(url + path, init), key)
    const src = (await client.post('/v2/sources', sourceBody)).body.id as string
    const acknowledged: string[] = []
    let stop = false
    const writers = Array.from({ length: 8 }, async () => {
      while (!stop) {
        try {
          const res = await client.post('/v2/connections', connBody(src, 'user_mfa'))
          if (res.status === 201) acknowledged.push(res.body.id)
        } catch {
          return // connection refused/reset: the process is gone
        }
      }
    })
    while (acknowledged.length < 150) await new Promise((r) => setImmediate(r))
    child.kill('SIGKILL')
    stop = true
    await Promise.all(writers)
    await exited(child)

    const restarted = await createEmulator({ storage: { type: 'file', path: db } })
    const after = api(restarted.fetch, key)
    const seen = new Set<string>()
    let cursor: string | null = null
    do {
      const page: { body: { data: { id: string }[]; next_cursor: string | null } } = await after.get(
        `/v2/connections?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      )
      page.body.data.forEach((c) => seen.add(c.id))
      cursor = page.body.next_cursor
    } while (cursor)
    expect(acknowledged.filter((id) => !seen.has(id))).toEqual([])
    // Every stored connection has its event: no torn writes.
    const tenant = restarted.tenants.get(key)
    const events = allEvents(tenant)
    for (const id of seen) expect(events.some((e) => e.data.id === id)).toBe(true)
    await restarted.close()
  })
})
