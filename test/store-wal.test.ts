import { appendFileSync, copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { allEvents, queryEvents } from '../src/tenant/event-log.js'
import { api, freshKey } from './helpers/api.js'
import { tempDir } from './helpers/cli.js'

const sourceBody = { type: 'website', website: { url: 'https://bank.example.com' } }
const connBody = (source_id: string, username: string, external_id?: string) => ({
  source_id,
  auth_method: 'username_password',
  auth_credentials: { username, password: 'pw' },
  ...(external_id ? { external_id } : {}),
})
const FILES = ['', '.wal', '.wal.old', '.events', '.events.idx']

/** The files as a crash would leave them: copied while the emulator still runs (nothing flushed at close). */
function crashCopy(db: string, label: string): string {
  const copy = join(tempDir(label), 'db.json')
  for (const suffix of FILES) if (existsSync(db + suffix)) copyFileSync(db + suffix, copy + suffix)
  return copy
}

async function world(label: string, compactBytes?: number) {
  const db = join(tempDir(label), 'db.json')
  const key = freshKey(label)
  const emu = await createEmulator({ storage: { type: 'file', path: db, ...(compactBytes ? { compactBytes } : {}) }, clock: 'manual' })
  const client = api(emu.fetch, key)
  const src = (await client.post('/v2/sources', sourceBody)).body.id as string
  return { db, key, emu, client, src }
}

const reopen = (path: string) => createEmulator({ storage: { type: 'file', path } })

describe('write-ahead log', () => {
  it('ignores a torn last line (kill -9 mid-append) and keeps every complete one', async () => {
    const { db, key, emu, client, src } = await world('torn')
    const ids = [] as string[]
    for (let i = 0; i < 5; i++) ids.push((await client.post('/v2/connections', connBody(src, 'user_ok'))).body.id)
    const copy = crashCopy(db, 'torn-copy')
    appendFileSync(`${copy}.wal`, '{"t":"sk_test_x","f":"connections","k":"conn_')
    appendFileSync(`${copy}.events`, '99999\tsk_test_x\tevt_1\t0\tconnection.connected\t{"id":')
    const again = await reopen(copy)
    const c = api(again.fetch, key)
    for (const id of ids) expect((await c.get(`/v2/connections/${id}`)).body.status).toBe('connected')
    // The torn tail was cut off, so new lines start on a line boundary and survive another restart.
    const extra = (await c.post('/v2/connections', connBody(src, 'user_ok'))).body.id
    await again.close()
    const third = await reopen(copy)
    expect((await api(third.fetch, key).get(`/v2/connections/${extra}`)).status).toBe(200)
    await Promise.all([third.close(), emu.close()])
  })

  it('refuses to start when a WAL line other than the last is corrupt', async () => {
    const { db, emu, client, src } = await world('walcorrupt')
    await client.post('/v2/connections', connBody(src, 'user_ok'))
    const copy = crashCopy(db, 'walcorrupt-copy')
    const lines = readFileSync(`${copy}.wal`, 'utf8').split('\n')
    lines[1] = '{garbage'
    writeFileSync(`${copy}.wal`, lines.join('\n'))
    await expect(reopen(copy)).rejects.toThrow(/db\.json\.wal is corrupt at line 2/)
    await emu.close()
  })

  it('compacts into the snapshot and survives a crash at any point of a compaction', async () => {
    const { db, key, emu, client, src } = await world('compact', 4096)
    const ids = [] as string[]
    for (let i = 0; i < 30; i++) ids.push((await client.post('/v2/connections', connBody(src, 'user_ok'))).body.id)
    await emu.store.commit()
    await new Promise((r) => setTimeout(r, 50)) // let the background compaction finish
    expect(statSync(`${db}.wal`).size).toBeLessThan(30 * 1000) // rotated at least once
    expect(readFileSync(db, 'utf8')).toContain(ids[0])
    // Crash in the middle of a compaction: the rotated-out WAL is still there next to the new one.
    const copy = crashCopy(db, 'compact-copy')
    copyFileSync(`${copy}.wal`, `${copy}.wal.old`)
    const again = await reopen(copy)
    const c = api(again.fetch, key)
    for (const id of ids) expect((await c.get(`/v2/connections/${id}`)).body.status).toBe('connected')
    expect(existsSync(`${copy}.wal.old`)).toBe(false)
    await Promise.all([again.close(), emu.close()])
  })

  it('persists in-place nested mutations, also made after an await', async () => {
    const { db, key, emu, client, src } = await world('nested')
    const id = (await client.post('/v2/connections', connBody(src, 'user_mfa'))).body.id as string
    const tenant = emu.tenants.get(key)
    const login = tenant.data.logins[id]!
    await new Promise((r) => setTimeout(r, 5))
    login.attempts = 2
    login.steps.push({ kind: 'delay', ms: 5 })
    ;(tenant.data as unknown as Record<string, unknown>).deliveries = {}
    const deliveries = (tenant.data as unknown as { deliveries: Record<string, { attempts: number[] }> }).deliveries
    deliveries.dlv_1 = { attempts: [] }
    const dlv = deliveries.dlv_1!
    await new Promise((r) => setTimeout(r, 5))
    dlv.attempts.push(500, 200)
    await emu.store.commit()
    const again = await reopen(crashCopy(db, 'nested-copy'))
    const t = again.tenants.get(key)
    expect(t.data.logins[id]!.attempts).toBe(2)
    expect(t.data.logins[id]!.steps.at(-1)).toEqual({ kind: 'delay', ms: 5 })
    expect((t.data as unknown as { deliveries: Record<string, unknown> }).deliveries).toEqual({ dlv_1: { attempts: [500, 200] } })
    await Promise.all([again.close(), emu.close()])
  })

  it('a reset writes the whole tenant: the old world and its events are gone after a restart', async () => {
    const { db, key, emu, client, src } = await world('reset')
    const id = (await client.post('/v2/connections', connBody(src, 'user_ok'))).body.id as string
    await client.post('/_emulator/reset')
    const fresh = (await client.post('/v2/sources', sourceBody)).body.id as string
    const again = await reopen(crashCopy(db, 'reset-copy'))
    const c = api(again.fetch, key)
    expect((await c.get(`/v2/connections/${id}`)).status).toBe(404)
    expect((await c.get(`/v2/sources/${fresh}`)).status).toBe(200)
    const events = allEvents(again.tenants.get(key))
    expect(events.map((e) => e.type)).toEqual(['source.created'])
    expect(events.some((e) => e.data.id === id)).toBe(false)
    await Promise.all([again.close(), emu.close()])
  })
})

describe('event log', () => {
  it('pages newest first with type and time filters, identically before and after a restart', async () => {
    const { db, key, emu, client, src } = await world('events')
    for (let i = 0; i < 4; i++) {
      await client.post('/v2/connections', connBody(src, 'user_ok'))
      await client.post('/_emulator/clock/advance', { by: '1s' })
    }
    const pages = (e: Emulator) => {
      const t = e.tenants.get(key)
      const first = queryEvents(t, { type: 'connection.connected' }, { limit: 3 })
      const second = queryEvents(t, { type: 'connection.connected' }, { limit: 3, cursor: first.next_cursor! })
      const window = queryEvents(t, { created_after: '2026-01-01T00:00:00.500Z', created_before: '2026-01-01T00:00:02.500Z' }, { limit: 10 })
      return { first, second, window }
    }
    const before = pages(emu)
    expect(before.first.data).toHaveLength(3)
    expect(before.first.has_more).toBe(true)
    expect(before.second.data).toHaveLength(1)
    expect(before.first.data[0]!.created_at > before.second.data[0]!.created_at).toBe(true)
    expect(new Set(before.window.data.map((e) => e.created_at.slice(17, 19)))).toEqual(new Set(['01', '02']))
    await emu.close()
    const again = await reopen(db)
    expect(pages(again)).toEqual(before)
    await again.close()
  })

  it('keeps 30 days of events (tenant clock); the pruning survives a restart', async () => {
    const { db, key, emu, client, src } = await world('retention')
    const old = (await client.post('/v2/connections', connBody(src, 'user_ok'))).body.id as string
    await client.post('/_emulator/clock/advance', { by: '31d' }).then(async (r) => {
      if (r.status !== 200) await client.post('/_emulator/clock/advance', { by: `${31 * 24}h` })
    })
    const recent = (await client.post('/v2/connections', connBody(src, 'user_ok'))).body.id as string
    const ids = (e: Emulator) => allEvents(e.tenants.get(key)).map((ev) => ev.data.id)
    expect(ids(emu)).not.toContain(old)
    expect(ids(emu)).toContain(recent)
    await emu.close()
    const again = await reopen(db)
    expect(ids(again)).not.toContain(old)
    expect(ids(again)).toContain(recent)
    await again.close()
  })
})

describe('events index checkpoint', () => {
  it('restarts from the checkpoint plus the events written after it, and ignores a bad checkpoint', async () => {
    const { db, key, emu, client, src } = await world('checkpoint')
    await client.post('/v2/connections', connBody(src, 'user_ok'))
    await emu.close() // writes db.json.events.idx
    expect(existsSync(`${db}.events.idx`)).toBe(true)
    const second = await reopen(db)
    const c = api(second.fetch, key)
    await c.post('/v2/connections', connBody(src, 'user_mfa'))
    const expected = allEvents(second.tenants.get(key))
    const copy = crashCopy(db, 'checkpoint-copy')
    copyFileSync(`${db}.events.idx`, `${copy}.events.idx`)
    const third = await reopen(copy)
    expect(allEvents(third.tenants.get(key))).toEqual(expected)
    await third.close()
    writeFileSync(`${copy}.events.idx`, '{"v":1,"covered":3}\n')
    const fourth = await reopen(copy)
    expect(allEvents(fourth.tenants.get(key))).toEqual(expected)
    await Promise.all([fourth.close(), second.close()])
  })
})

describe('connection index', () => {
  it('filters by external_id, status and source through the index, following updates and in-place changes', async () => {
    const { key, emu, client, src } = await world('index')
    const other = (await client.post('/v2/sources', sourceBody)).body.id as string
    const a = (await client.post('/v2/connections', connBody(src, 'user_ok', 'cust_a'))).body.id as string
    const b = (await client.post('/v2/connections', connBody(other, 'user_mfa', 'cust_b'))).body.id as string
    for (let i = 0; i < 20; i++) await client.post('/v2/connections', connBody(src, 'user_ok'))
    const ids = async (q: string) => (await client.get(`/v2/connections?${q}`)).body.data.map((c: { id: string }) => c.id)
    expect(await ids('external_id=cust_a')).toEqual([a])
    expect(await ids('status=interaction_required')).toEqual([b])
    expect(await ids(`source_id=${other}`)).toEqual([b])
    await client.patch(`/v2/connections/${a}`, { external_id: 'cust_z' })
    expect(await ids('external_id=cust_a')).toEqual([])
    expect(await ids('external_id=cust_z')).toEqual([a])
    // In-place mutation through the tracked view (file storage) reaches the index too.
    emu.tenants.get(key).data.connections[a]!.external_id = 'cust_y'
    expect(await ids('external_id=cust_y')).toEqual([a])
    // Paging over the creation-order index: 22 connections, pages of 5, newest first, no gaps.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { body: { data: { id: string; created_at: string }[]; next_cursor: string | null } } = await client.get(
        `/v2/connections?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      )
      seen.push(...page.body.data.map((c) => c.id))
      cursor = page.body.next_cursor
    } while (cursor)
    expect(seen).toHaveLength(22)
    expect(new Set(seen).size).toBe(22)
    expect(seen).toEqual(await ids('limit=100'))
    await emu.close()
  })
})
