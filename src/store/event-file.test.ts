import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeckEvent } from '../domain/types.js'
import { StoreFileError } from './durable-json-file.js'
import { EventFile } from './event-file.js'

const everyone = () => ({ afterSeq: 0, prunedBefore: 0 })
const event = (i: number, type = 'connection.connected'): DeckEvent =>
  ({
    id: `evt_${String(i).padStart(16, '0')}`,
    object: 'event',
    type,
    data: { n: i, text: 'ünïcode ✓' },
    created_at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  }) as unknown as DeckEvent
const all = (store: { size: number; at(p: number): DeckEvent }) => Array.from({ length: store.size }, (_, p) => store.at(p))

describe('EventFile', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-file-'))
    file = join(dir, 'db.json.events')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('reads back what it appended, before and after a flush and after reopening (by scan, without the index checkpoint)', async () => {
    const events = await EventFile.open(file, everyone)
    const store = events.forTenant('sk_test_a', false)
    for (let i = 0; i < 5; i++) store.append(event(i))
    expect(all(store)).toEqual([0, 1, 2, 3, 4].map((i) => event(i))) // pending, not yet on disk
    await events.flush()
    expect(all(store)).toEqual([0, 1, 2, 3, 4].map((i) => event(i)))
    await events.close()
    rmSync(`${file}.idx`)
    const reopened = await EventFile.open(file, everyone)
    const again = reopened.forTenant('sk_test_a', false)
    expect(all(again)).toEqual([0, 1, 2, 3, 4].map((i) => event(i)))
    expect(again.position(event(3).id)).toBe(3)
    await reopened.close()
  })

  it('cuts off a torn last line (never acknowledged) and refuses a malformed complete line with its byte', async () => {
    const events = await EventFile.open(file, everyone)
    events.forTenant('sk_test_a', false).append(event(1))
    await events.close()
    rmSync(`${file}.idx`)
    const good = statSync(file).size
    appendFileSync(file, '2\tsk_test_a\tevt_torn') // a crash mid-append
    const reopened = await EventFile.open(file, everyone)
    expect(all(reopened.forTenant('sk_test_a', false))).toEqual([event(1)])
    await reopened.close()
    expect(statSync(file).size).toBe(good)

    rmSync(`${file}.idx`)
    writeFileSync(file, `${readFileSync(file, 'utf8')}not an event line\n`)
    await expect(EventFile.open(file, everyone)).rejects.toThrow(StoreFileError)
    await expect(EventFile.open(file, everyone)).rejects.toThrow(`corrupt at byte ${good}`)
  })

  it('rewrite keeps only live events, readable at their new places, also after reopening', async () => {
    const events = await EventFile.open(file, everyone)
    const a = events.forTenant('sk_test_a', false)
    const b = events.forTenant('sk_test_b', false)
    for (let i = 0; i < 10; i++) (i % 2 ? a : b).append(event(i, i % 3 ? 'connection.connected' : 'connection.error'))
    await events.flush()
    a.dropBefore(3) // retention dropped a's three oldest
    const before = statSync(file).size
    await events.rewrite()
    expect(statSync(file).size).toBeLessThan(before)
    expect(all(a)).toEqual([7, 9].map((i) => event(i, i % 3 ? 'connection.connected' : 'connection.error')))
    expect(all(b)).toEqual([0, 2, 4, 6, 8].map((i) => event(i, i % 3 ? 'connection.connected' : 'connection.error')))
    expect(b.typeAt(0)).toBe('connection.error')
    a.append(event(10))
    await events.close()
    const reopened = await EventFile.open(file, everyone)
    expect(all(reopened.forTenant('sk_test_a', false)).map((e) => e.id)).toEqual([7, 9, 10].map((i) => event(i).id))
    expect(all(reopened.forTenant('sk_test_b', false))).toHaveLength(5)
    await reopened.close()
  })
})
