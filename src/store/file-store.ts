import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { Low } from 'lowdb'
import { emptyDb, type DbData } from './data.js'
import { DurableJsonFile } from './durable-json-file.js'
import { acquireFileLock } from './file-lock.js'
import type { Store } from './store.js'

function isDb(value: unknown): value is DbData {
  const v = value as Partial<DbData> | null
  return !!v && typeof v === 'object' && v.version === 1 && !!v.tenants && typeof v.tenants === 'object'
}

/**
 * lowdb on a durable adapter, with group commit: while one write is in
 * flight, every commit() that arrives waits for the single next write, which
 * carries all of their changes. A caller's changes are on disk when its
 * promise resolves.
 */
export class FileStore implements Store {
  readonly kind = 'file'
  private inFlight: Promise<void> | null = null
  private queued: Promise<void> | null = null

  private constructor(
    private readonly db: Low<DbData>,
    private readonly release: () => void,
  ) {}

  static async open(path: string): Promise<FileStore> {
    const file = resolve(path)
    await mkdir(dirname(file), { recursive: true })
    const release = acquireFileLock(file)
    try {
      const adapter = new DurableJsonFile<DbData>(file, isDb)
      await adapter.removeStaleTempFiles()
      const db = new Low<DbData>(adapter, emptyDb())
      await db.read()
      return new FileStore(db, release)
    } catch (error) {
      release()
      throw error
    }
  }

  get data(): DbData {
    return this.db.data
  }

  commit(): Promise<void> {
    if (this.queued) return this.queued
    if (this.inFlight) {
      this.queued = this.inFlight.catch(() => {}).then(() => {
        this.queued = null
        return this.start()
      })
      return this.queued
    }
    return this.start()
  }

  private start(): Promise<void> {
    const write = this.db.write().finally(() => {
      if (this.inFlight === write) this.inFlight = null
    })
    this.inFlight = write
    return write
  }

  async close(): Promise<void> {
    await this.commit()
    this.release()
  }
}
