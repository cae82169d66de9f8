import { closeSync, fdatasync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, write } from 'node:fs'
import { promisify } from 'node:util'
import type { DeckEvent } from '../domain/types.js'
import { dropCheckpoint, readCheckpoint, writeCheckpoint } from './event-checkpoint.js'
import type { EventStore } from './event-store.js'
import { hashId, TenantEventIndex, type EventReader } from './event-index.js'
import { eventLineHeader, scanEventLines, writeEventLines } from './event-lines.js'

/** Which events of a tenant are still live when the file is read at start-up. */
export interface EventFloor {
  /** Events up to this sequence number belong to an earlier world of the tenant (before a reset). */
  afterSeq: number
  /** Retention: events created before this instant (ms) were dropped. */
  prunedBefore: number
}

const writeAsync = promisify(write)
const datasyncAsync = promisify(fdatasync)

/**
 * All tenants' events in one append-only file, one line each (see
 * event-lines.ts). The header lets start-up index a million events without
 * parsing their JSON; bodies are
 * read back with positioned reads. Appends are buffered and written with
 * one write + fsync per group commit (`flush()`).
 */
export class EventFile implements EventReader {
  private readonly tenants = new Map<string, TenantEventIndex>()
  private readonly types: string[] = []
  private readonly typeIds = new Map<string, number>()
  private chunks: string[] = []
  private pending = new Map<number, DeckEvent>()
  private inflight: Map<number, DeckEvent> | null = null
  private flushed: number
  private tail: number
  private liveBytes = 0
  private checkpointed = 0
  private unsynced = false
  seq = 0

  private constructor(
    readonly file: string,
    private fd: number,
    size: number,
  ) {
    this.flushed = this.tail = size
  }

  static async open(file: string, floorOf: (tenant: string) => EventFloor | undefined): Promise<EventFile> {
    const fd = openSync(file, 'a+')
    const events = new EventFile(file, fd, 0)
    try {
      const from = events.loadCheckpoint(floorOf)
      const valid = events.scan(floorOf, from)
      if (fstatSync(fd).size > valid) {
        ftruncateSync(fd, valid) // torn last append: never acknowledged
        fsyncSync(fd)
      }
      events.flushed = events.tail = valid
    } catch (error) {
      closeSync(fd)
      throw error
    }
    return events
  }

  private get checkpointFile(): string {
    return `${this.file}.idx`
  }

  /** Loads the index checkpoint if it matches the file; returns where scanning must start. */
  private loadCheckpoint(floorOf: (tenant: string) => EventFloor | undefined): number {
    const size = fstatSync(this.fd).size
    const one = Buffer.alloc(1)
    const cp = readCheckpoint(this.checkpointFile, size, (pos) => (readSync(this.fd, one, 0, 1, pos), one[0]!))
    if (!cp) return 0
    for (const name of cp.types) this.typeId(name)
    this.seq = cp.seq
    for (const { key, arrays } of cp.tenants) {
      const floor = floorOf(key)
      if (!floor) continue
      for (const length of arrays.len) this.liveBytes += length
      const index = TenantEventIndex.fromArrays(this, arrays)
      index.applyFloor(floor.afterSeq, floor.prunedBefore)
      this.tenants.set(key, index)
    }
    this.checkpointed = cp.covered
    return cp.covered
  }

  /** Writes the index checkpoint (call with nothing in flight). Cheap insurance for a fast restart. */
  checkpoint(): void {
    const tenants = [...this.tenants].map(([key, index]) => ({ key, arrays: index.exportArrays(this.flushed) }))
    writeCheckpoint(this.checkpointFile, { covered: this.flushed, seq: this.seq, types: this.types, tenants })
    this.checkpointed = this.flushed
  }

  /** Bytes appended since the last checkpoint (what a restart would have to scan). */
  get sinceCheckpoint(): number {
    return this.flushed - this.checkpointed
  }

  /** Indexes the file from `from`; returns the length of its valid prefix. */
  private scan(floorOf: (tenant: string) => EventFloor | undefined, from: number): number {
    return scanEventLines(this.fd, this.file, from, (line) => {
      if (line.seq > this.seq) this.seq = line.seq
      const floor = floorOf(line.tenant)
      if (!floor || line.seq <= floor.afterSeq || line.createdMs < floor.prunedBefore) return
      this.index(line.tenant).add({
        seq: line.seq,
        offset: line.offset,
        length: line.length,
        createdMs: line.createdMs,
        type: this.typeId(line.type),
        hash: hashId(line.id),
      })
      this.liveBytes += line.length
    })
  }

  private index(tenant: string): TenantEventIndex {
    let index = this.tenants.get(tenant)
    if (!index) this.tenants.set(tenant, (index = new TenantEventIndex(this)))
    return index
  }

  typeId(name: string): number {
    let id = this.typeIds.get(name)
    if (id === undefined) {
      id = this.types.push(name) - 1
      this.typeIds.set(name, id)
    }
    return id
  }

  typeName(type: number): string {
    return this.types[type]!
  }

  released(bytes: number): void {
    this.liveBytes -= bytes
  }

  read(offset: number, length: number): DeckEvent {
    if (offset >= this.flushed) {
      const event = this.pending.get(offset) ?? this.inflight?.get(offset)
      if (!event) throw new Error(`event at ${offset} is neither on disk nor pending`)
      return event
    }
    const buf = Buffer.allocUnsafe(length)
    readSync(this.fd, buf, 0, length, offset)
    return JSON.parse(buf.toString('utf8')) as DeckEvent
  }

  /** The tenant's event store; `fresh` starts an empty history (new tenant, reset, scenario load). */
  forTenant(tenant: string, fresh: boolean): EventStore {
    if (fresh) {
      for (const { length } of this.tenants.get(tenant)?.live() ?? []) this.liveBytes -= length
      this.tenants.delete(tenant)
    }
    const index = this.index(tenant)
    return {
      get size() {
        return index.size
      },
      append: (event) => this.append(tenant, index, event),
      position: (id) => index.position(id),
      at: (p) => index.at(p),
      typeAt: (p) => index.typeAt(p),
      createdAtMs: (p) => index.createdAtMs(p),
      dropBefore: (p) => index.dropBefore(p),
    }
  }

  private append(tenant: string, index: TenantEventIndex, event: DeckEvent): void {
    const json = JSON.stringify(event)
    const createdMs = Date.parse(event.created_at)
    const seq = ++this.seq
    const header = eventLineHeader(seq, tenant, event.id, createdMs, event.type)
    const length = Buffer.byteLength(json)
    const offset = this.tail + Buffer.byteLength(header)
    this.chunks.push(header, json, '\n')
    this.tail = offset + length + 1
    this.pending.set(offset, event)
    this.liveBytes += length
    index.add({ seq, offset, length, createdMs, type: this.typeId(event.type), hash: hashId(event.id) })
  }

  get hasPending(): boolean {
    return this.chunks.length > 0
  }

  /** Makes the written events durable. */
  async sync(): Promise<void> {
    if (this.unsynced) {
      this.unsynced = false
      await datasyncAsync(this.fd)
    }
  }

  /** Writes the buffered events with one write (+ fsync unless the caller syncs). Callers serialise flushes (group commit). */
  async flush({ sync = true } = {}): Promise<void> {
    if (this.chunks.length === 0) return sync ? this.sync() : undefined
    const bytes = Buffer.from(this.chunks.join(''), 'utf8')
    this.chunks = []
    this.inflight = this.pending
    this.pending = new Map()
    let done = 0
    while (done < bytes.length) done += (await writeAsync(this.fd, bytes, done, bytes.length - done, null)).bytesWritten
    this.flushed += bytes.length
    this.inflight = null
    this.unsynced = true
    if (sync) await this.sync()
  }

  /** Mostly garbage (retention, resets)? Then `rewrite()` is worth it. */
  get wasteful(): boolean {
    return this.flushed > 64 * 1024 * 1024 && this.liveBytes < this.flushed / 3
  }

  /** Rewrites the file with live events only (call with nothing pending). Rare (at compaction), so simple sequential I/O. */
  async rewrite(): Promise<void> {
    await this.flush()
    if (this.hasPending) return // appends arrived meanwhile; try at the next compaction
    // From here on everything is synchronous: no append can interleave with the swap.
    dropCheckpoint(this.checkpointFile) // its offsets are about to become wrong
    const tmp = `${this.file}.rewrite.tmp`
    let live = 0
    const moves: [TenantEventIndex, number, number][] = []
    const file = this
    const size = writeEventLines(
      tmp,
      (function* () {
        for (const [tenant, index] of file.tenants) {
          for (const { slot, seq, offset, length } of index.live()) {
            const buf = Buffer.allocUnsafe(length)
            readSync(file.fd, buf, 0, length, offset)
            const body = buf.toString('utf8')
            const { createdMs, type } = index.meta(slot)
            const { id } = JSON.parse(body) as DeckEvent
            live += length
            yield { header: eventLineHeader(seq, tenant, id, createdMs, file.typeName(type)), body, placed: (at: number) => moves.push([index, slot, at]) }
          }
        }
      })(),
    )
    renameSync(tmp, this.file)
    closeSync(this.fd)
    this.fd = openSync(this.file, 'a+')
    for (const [index, slot, offset] of moves) index.moved(slot, offset)
    this.flushed = this.tail = size
    this.liveBytes = live
    this.checkpoint()
  }

  async close(): Promise<void> {
    await this.flush()
    this.checkpoint()
    closeSync(this.fd)
  }
}
