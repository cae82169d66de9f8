import {
  closeSync,
  createReadStream,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { syncDirectory } from '../store/durable-json-file.js'

/**
 * Where file bytes live (storage items, stored screenshots), apart from the
 * world: the world keeps only their records. Namespaced by tenant (a hash
 * of the key, never the key itself).
 */
export interface BlobStore {
  /** Stores the bytes; durable (fsync'd) when it returns, so a record committed after it never points at nothing. */
  put(ns: string, id: string, bytes: Uint8Array): void
  /** The bytes (a stream for large files on disk), or undefined when there are none. */
  open(ns: string, id: string): ReadableStream<Uint8Array> | Uint8Array | undefined
  /** Drops the bytes (after the record's removal is committed). */
  delete(ns: string, id: string): void
  /** Drops a whole tenant (reset). */
  dropTenant(ns: string): void
}

/** The memory store's: bytes in a Map, gone with the process like the rest of the world. */
export class MemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, Map<string, Uint8Array>>()
  put(ns: string, id: string, bytes: Uint8Array): void {
    let tenant = this.blobs.get(ns)
    if (!tenant) this.blobs.set(ns, (tenant = new Map()))
    tenant.set(id, bytes)
  }
  open(ns: string, id: string) {
    return this.blobs.get(ns)?.get(id)
  }
  delete(ns: string, id: string): void {
    this.blobs.get(ns)?.delete(id)
  }
  dropTenant(ns: string): void {
    this.blobs.delete(ns)
  }
}

const SAFE = /^[A-Za-z0-9_.-]+$/
/** Files up to this size are read whole for a download rather than streamed. */
const READ_WHOLE_BYTES = 8 * 1024 * 1024

/**
 * The file store's: one file per blob under `<db>.files/<ns>/<id>`, written
 * to a temporary name, fsync'd, renamed, and the directory fsync'd — so after
 * `put` returns the bytes survive a kill -9 or a power cut, and a half-written
 * file never has the final name. Reads stream from disk: the bytes never sit
 * in the heap.
 */
export class DiskBlobStore implements BlobStore {
  private readonly made = new Set<string>()
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true })
    // Temporary files of writes a crash interrupted.
    for (const ns of safeList(root)) for (const name of safeList(join(root, ns))) if (name.endsWith('.tmp')) rmSync(join(root, ns, name), { force: true })
  }

  private dir(ns: string): string {
    if (!SAFE.test(ns)) throw new Error('bad blob namespace')
    const dir = join(this.root, ns)
    if (!this.made.has(dir)) {
      mkdirSync(dir, { recursive: true })
      syncDirectory(this.root)
      this.made.add(dir)
    }
    return dir
  }

  private path(ns: string, id: string): string {
    if (!SAFE.test(id)) throw new Error('bad blob id')
    return join(this.dir(ns), id)
  }

  put(ns: string, id: string, bytes: Uint8Array): void {
    const file = this.path(ns, id)
    const tmp = `${file}.tmp`
    const fd = openSync(tmp, 'w', 0o600)
    try {
      let done = 0
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, file)
    syncDirectory(this.dir(ns))
  }

  open(ns: string, id: string): ReadableStream<Uint8Array> | Uint8Array | undefined {
    if (!SAFE.test(ns) || !SAFE.test(id)) return undefined
    const file = join(this.root, ns, id)
    let size: number
    try {
      const stat = statSync(file)
      if (!stat.isFile()) return undefined
      size = stat.size
    } catch {
      return undefined
    }
    // A file up to READ_WHOLE_BYTES is read in one call (from the page cache, as a rule) and sent as one
    // buffer that lives only for its response: a Node stream turned into a web stream and back into
    // socket writes cost about 3× the time of a 1 MB download. Larger files stream; none is kept in the heap.
    if (size <= READ_WHOLE_BYTES) {
      try {
        return readFileSync(file)
      } catch {
        return undefined
      }
    }
    return Readable.toWeb(createReadStream(file, { highWaterMark: 256 * 1024 })) as ReadableStream<Uint8Array>
  }

  delete(ns: string, id: string): void {
    if (!SAFE.test(ns) || !SAFE.test(id)) return
    try {
      unlinkSync(join(this.root, ns, id))
    } catch {
      // already gone
    }
  }

  dropTenant(ns: string): void {
    if (!SAFE.test(ns)) return
    rmSync(join(this.root, ns), { recursive: true, force: true })
    this.made.delete(join(this.root, ns))
  }

  /**
   * At start: removes files no record points at any more — a write whose
   * record a crash kept from committing, a deletion a crash interrupted
   * after its commit, the files of a tenant that was reset. Returns how many.
   */
  sweep(referenced: (ns: string) => ReadonlySet<string>): number {
    let removed = 0
    for (const ns of safeList(this.root)) {
      const keep = referenced(ns)
      for (const name of safeList(join(this.root, ns))) {
        if (keep.has(name)) continue
        rmSync(join(this.root, ns, name), { force: true })
        removed++
      }
    }
    return removed
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => SAFE.test(n))
  } catch {
    return []
  }
}
