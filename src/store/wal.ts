import { closeSync, existsSync, openSync, readSync, fstatSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { open } from 'node:fs/promises'
import type { DbData, TenantData } from './data.js'
import { StoreFileError } from './durable-json-file.js'

/**
 * Write-ahead log lines. Each line carries the *current* value of one
 * record, so replaying is idempotent and "last write wins": replaying a WAL
 * over a newer snapshot is harmless.
 *   { t: tenant, v: TenantData }              whole tenant (new, reset, scenario load)
 *   { t, f: field, v }                        whole top-level field
 *   { t, f, k: key, v }                       one record of a collection
 *   { t, f, k?, x: 1 }                        deletion
 */
export interface WalEntry {
  t: string
  f?: string
  k?: string
  v?: unknown
  x?: 1
}

function applyWal(db: DbData, e: WalEntry): void {
  if (e.f === undefined) {
    if (e.x) delete db.tenants[e.t]
    else Object.defineProperty(db.tenants, e.t, { value: e.v as TenantData, writable: true, enumerable: true, configurable: true })
    return
  }
  const tenant = db.tenants[e.t] as unknown as Record<string, unknown> | undefined
  if (!tenant) return // the tenant was written whole later in an older WAL run; nothing to patch
  if (e.k === undefined) {
    if (e.x) delete tenant[e.f]
    else tenant[e.f] = e.v
    return
  }
  let collection = tenant[e.f] as Record<string, unknown> | undefined
  if (typeof collection !== 'object' || collection === null || Array.isArray(collection))
    tenant[e.f] = collection = Object.create(null) as Record<string, unknown>
  if (e.x) delete collection[e.k]
  // An own property even for a key named `__proto__` (plain assignment would replace the prototype).
  else Object.defineProperty(collection, e.k, { value: e.v, writable: true, enumerable: true, configurable: true })
}

/**
 * Replays a WAL file into `db`. A torn last line (the process died in the
 * middle of an append that was therefore never acknowledged) is ignored and
 * reported so it can be cut off; a bad line anywhere else is corruption.
 */
export function replayWal(file: string, db: DbData): { entries: number; validBytes: number } {
  if (!existsSync(file)) return { entries: 0, validBytes: 0 }
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    const chunk = Buffer.allocUnsafe(8 * 1024 * 1024)
    let carry = Buffer.alloc(0)
    let pos = 0
    let entries = 0
    let validBytes = 0
    let line = 0
    while (pos < size) {
      const n = readSync(fd, chunk, 0, chunk.length, pos)
      if (n <= 0) break
      pos += n
      const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n)
      let start = 0
      for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
        line++
        const text = buf.toString('utf8', start, nl)
        let entry: WalEntry
        try {
          entry = JSON.parse(text) as WalEntry
        } catch {
          throw new StoreFileError(
            `${file} is corrupt at line ${line} (byte ${validBytes}). Refusing to start: move the WAL aside (losing its writes) or restore a backup.`,
          )
        }
        applyWal(db, entry)
        entries++
        validBytes += nl - start + 1
        start = nl + 1
      }
      carry = Buffer.from(buf.subarray(start))
    }
    // carry: bytes after the last newline = a torn append, never acknowledged.
    return { entries, validBytes }
  } finally {
    closeSync(fd)
  }
}

/** An open WAL, appended to with one write + fsync per batch. */
export class WalWriter {
  private unsynced = false
  private constructor(
    readonly file: string,
    private handle: FileHandle,
    public size: number,
  ) {}

  /** Opens for append, cutting off a torn tail first (so new lines start on a line boundary). */
  static async open(file: string, validBytes: number): Promise<WalWriter> {
    const handle = await open(file, 'a+')
    const { size } = await handle.stat()
    if (size > validBytes) {
      await handle.truncate(validBytes)
      await handle.sync()
    }
    return new WalWriter(file, handle, validBytes)
  }

  /** Appends (the caller fsyncs with `sync()`, possibly alongside other files). */
  async write(text: string): Promise<void> {
    if (text.length === 0) return
    const bytes = Buffer.from(text, 'utf8')
    let done = 0
    while (done < bytes.length) done += (await this.handle.write(bytes, done, bytes.length - done, null)).bytesWritten
    this.size += bytes.length
    this.unsynced = true
  }

  async sync(): Promise<void> {
    if (!this.unsynced) return
    this.unsynced = false
    await this.handle.datasync()
  }

  async close(): Promise<void> {
    await this.handle.close()
  }
}

/** Separates a field from a record key in a dirty-set entry (`connections\u0000conn_…`). */
export const DIRTY_SEP = '\u0000'

/**
 * The WAL lines of one batch: for each tenant whose data changed, its dirty
 * fields and records with their current values (whole fields first, then
 * records, then the RNG state), the whole tenant after a reset, or a
 * deletion. Values as of now: the caller takes the batch synchronously.
 */
export function walBatch(dirty: ReadonlyMap<string, ReadonlySet<string> | 'all'>, tenants: Record<string, Record<string, unknown> | undefined>): string {
  const lines: string[] = []
  for (const [key, set] of dirty) {
    const tenant = tenants[key]
    if (!tenant) {
      lines.push(JSON.stringify({ t: key, x: 1 }))
      continue
    }
    if (set === 'all') {
      lines.push(JSON.stringify({ t: key, v: tenant }))
      continue
    }
    const entries = [...set].sort((a, b) => Number(a.includes(DIRTY_SEP)) - Number(b.includes(DIRTY_SEP)))
    for (const entry of entries) {
      const sep = entry.indexOf(DIRTY_SEP)
      const field = sep < 0 ? entry : entry.slice(0, sep)
      const value = sep < 0 ? tenant[field] : (tenant[field] as Record<string, unknown> | undefined)?.[entry.slice(sep + 1)]
      const line: Record<string, unknown> = { t: key, f: field }
      if (sep >= 0) line.k = entry.slice(sep + 1)
      if (value === undefined) line.x = 1
      else line.v = value
      lines.push(JSON.stringify(line))
    }
    lines.push(JSON.stringify({ t: key, f: 'rng', v: tenant.rng }))
  }
  return lines.length ? `${lines.join('\n')}\n` : ''
}
