import { existsSync, renameSync, statSync, unlinkSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { emptyDb, type DbData, type TenantData } from './data.js'
import { DurableJsonFile } from './durable-json-file.js'
import { EventFile } from './event-file.js'
import { acquireFileLock } from './file-lock.js'
import { FileSecrets } from './secrets.js'
import { snapshotChunks } from './snapshot.js'
import type { AttachedTenant, Store } from './store.js'
import { dictionary, trackTenant, type CollectionListener } from './tracker.js'
import { asStoreError, ensureDirectory } from './store-paths.js'
import { DIRTY_SEP, replayWal, walBatch, WalWriter } from './wal.js'

function isDb(value: unknown): value is DbData {
  const v = value as Partial<DbData> | null
  return !!v && typeof v === 'object' && v.version === 1 && !!v.tenants && typeof v.tenants === 'object'
}

/** `rng` changes on every id (even a GET's request id): written with each commit of its tenant instead of tracked. */
const UNTRACKED = new Set(['rng'])

export interface FileStoreOptions {
  /** Compact (snapshot + new WAL) when the WAL grows past this. @default 64 MiB */
  compactBytes?: number
}

/**
 * Durable storage in three files: `db.json` (a lowdb-compatible snapshot),
 * `db.json.wal` (one JSON line per changed record since the snapshot) and
 * `db.json.events` (append-only event log). Group commit: while a batch is
 * being written, every commit() that arrives waits for the single next
 * batch, which carries all of their changes; one append + fsync per file
 * per batch. A caller's changes are on disk when its promise resolves.
 */
export class FileStore implements Store {
  readonly kind = 'file'
  /** tenant → dirty fields/records (`field` or `field\0key`), or 'all' for a whole tenant. */
  private dirty = new Map<string, Set<string> | 'all'>()
  private tail: Promise<void> = Promise.resolve()
  private running: Promise<void> | null = null
  private queued: Promise<void> | null = null
  private compacting: Promise<void> | null = null
  /** Size of the last snapshot (characters), for the compaction threshold. */
  private snapshotBytes = 0

  private constructor(
    private readonly db: { data: DbData },
    private readonly snapshot: DurableJsonFile<DbData>,
    private wal: WalWriter,
    readonly events: EventFile,
    readonly secrets: FileSecrets,
    private readonly release: () => void,
    private readonly options: Required<FileStoreOptions>,
  ) {}

  static async open(path: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const file = resolve(path)
    await ensureDirectory(dirname(file))
    let release: () => void
    try {
      release = acquireFileLock(file)
    } catch (error) {
      throw asStoreError(file, error)
    }
    try {
      const adapter = new DurableJsonFile<DbData>(file, isDb)
      await adapter.removeStaleTempFiles()
      // The snapshot is plain lowdb-compatible JSON; read through the durable adapter directly
      // (importing lowdb's runtime only for this costs ~70 ms of start-up).
      const db = { data: (await adapter.read()) ?? emptyDb() }
      dictionary(db.data.tenants)
      // A compaction interrupted by a crash leaves the WAL it rotated out: replay it first.
      const old = `${file}.wal.old`
      const interrupted = existsSync(old)
      if (interrupted) replayWal(old, db.data)
      const { validBytes } = replayWal(`${file}.wal`, db.data)
      const events = await EventFile.open(`${file}.events`, (key) => {
        const t = db.data.tenants[key]
        return t ? { afterSeq: t.events_after_seq ?? 0, prunedBefore: t.events_pruned_before ?? -Infinity } : undefined
      })
      const wal = await WalWriter.open(`${file}.wal`, validBytes)
      const secrets = await FileSecrets.open(`${file}.secrets`)
      const store = new FileStore(db, adapter, wal, events, secrets, release, { compactBytes: options.compactBytes ?? 64 * 1024 * 1024 })
      store.snapshotBytes = existsSync(file) ? statSync(file).size : 0
      store.migrateInlineEvents()
      if (interrupted) await store.compact()
      return store
    } catch (error) {
      release()
      throw asStoreError(file, error)
    }
  }

  get data(): DbData {
    return this.db.data
  }

  /** Files written before the events log existed kept events inline: move them to the log. */
  private migrateInlineEvents(): void {
    for (const [key, tenant] of Object.entries(this.data.tenants)) {
      if (!tenant.events?.length) continue
      const log = this.events.forTenant(key, false)
      for (const event of tenant.events) log.append(event)
      tenant.events = []
      this.dirty.set(key, 'all')
    }
  }

  attach(key: string, raw: TenantData, fresh: boolean, listeners: Map<string, CollectionListener>): AttachedTenant {
    if (fresh) {
      raw.events = []
      raw.events_after_seq = this.events.seq
      this.data.tenants[key] = raw
      this.dirty.set(key, 'all')
      this.secrets.dropTenant(key)
    }
    const data = trackTenant(raw, { deep: true, untracked: UNTRACKED, listeners, dirty: (field, record) => this.mark(key, field, record) })
    return { data, events: this.events.forTenant(key, fresh), secrets: this.secrets.forTenant(key) }
  }

  private mark(tenant: string, field: string, key?: string): void {
    let set = this.dirty.get(tenant)
    if (set === 'all') return
    if (!set) this.dirty.set(tenant, (set = new Set()))
    set.add(key === undefined ? field : field + DIRTY_SEP + key)
  }

  /** Exactly when commit() would return an already-resolved promise (see the branches below). */
  get clean(): boolean {
    return !this.queued && !this.running && this.dirty.size === 0 && !this.events.hasPending && !this.secrets.hasPending
  }

  commit(): Promise<void> {
    if (this.queued) return this.queued
    // Nothing new: the caller's changes, if any, are in the batch being written.
    if (this.dirty.size === 0 && !this.events.hasPending && !this.secrets.hasPending) return this.running ?? Promise.resolve()
    const batch = this.enqueue(() => {
      this.queued = null
      return this.writeBatch()
    })
    this.queued = batch
    return batch
  }

  /** File operations (batches, WAL rotation) run one at a time, in order. */
  private enqueue(fn: () => Promise<void>): Promise<void> {
    const op = this.tail.then(() => {
      const running = fn()
      this.running = running
      return running.finally(() => {
        if (this.running === running) this.running = null
      })
    })
    this.tail = op.catch(() => {})
    return op
  }

  /**
   * Takes the batch synchronously (values as of now), writes the events then
   * the WAL (in that order, so a killed process never keeps a record whose
   * event is missing), then fsyncs both files in parallel: one write + one
   * fsync per file per batch.
   */
  private async writeBatch(): Promise<void> {
    const text = this.takeDirty()
    // Secrets first: a put is written before a record needs it (fsynced with the WAL), a delete
    // (a rewrite of the secrets file) is durable before the WAL write, so before the answer.
    await this.secrets.flush({ sync: false })
    await this.events.flush({ sync: false })
    await this.wal.write(text)
    await Promise.all([this.events.sync(), this.wal.sync(), this.secrets.sync()])
    // Compaction rewrites the whole world: let the WAL reach twice the snapshot first, so its cost stays
    // proportional to what was written (and restart replays at most ~2 snapshots' worth).
    if (this.wal.size > Math.max(this.options.compactBytes, 2 * this.snapshotBytes) && !this.compacting) {
      this.compacting = this.compact().finally(() => (this.compacting = null))
      this.compacting.catch(() => {}) // surfaced by the next close(); a failed compaction loses nothing (the WAL stays)
    }
  }

  private takeDirty(): string {
    const text = walBatch(this.dirty, this.data.tenants as unknown as Record<string, Record<string, unknown> | undefined>)
    this.dirty.clear()
    return text
  }

  /**
   * Snapshot + fresh WAL. The WAL is rotated between two batches; new batches
   * go to the new WAL while the snapshot is written piece by piece; then the
   * old WAL is deleted. A crash at any point replays snapshot, old WAL, new WAL.
   */
  private async compact(): Promise<void> {
    const file = this.snapshot.file
    // Rotation must not interleave with a batch: it is queued like one.
    await this.enqueue(async () => {
      await this.wal.close()
      renameSync(`${file}.wal`, `${file}.wal.old`)
      this.wal = await WalWriter.open(`${file}.wal`, 0)
    })
    this.snapshotBytes = await this.snapshot.writeChunks(snapshotChunks(this.data))
    unlinkSync(`${file}.wal.old`)
    if (this.events.wasteful) {
      await this.enqueue(() => this.events.rewrite())
    } else if (this.events.sinceCheckpoint > 64 * 1024 * 1024) {
      await this.enqueue(async () => this.events.checkpoint())
    }
  }

  async close(): Promise<void> {
    try {
      await this.compacting?.catch(() => {})
      await this.commit()
      if (this.wal.size > 0) await this.compact()
      await this.wal.close()
      await this.events.close()
      await this.secrets.close()
    } finally {
      this.release()
    }
  }
}
