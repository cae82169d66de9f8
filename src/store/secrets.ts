import { existsSync, readFileSync } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { DurableJsonFile } from './durable-json-file.js'

/**
 * Secrets at rest (connection passwords, stored idempotent responses, webhook
 * signing secrets, and any later kind: pick a `ref` prefix per kind).
 *
 * Why a store of its own: the WAL is append-only and the snapshot is written
 * from the world, so a password that was ever part of a record lingers in the
 * WAL until the next compaction. Secrets therefore never enter TenantData;
 * they live here, in memory and (file store) in `db.json.secrets`:
 *   - put: one appended JSON line `[tenant, ref, value]` (fsynced with the batch);
 *   - delete: the whole file is rewritten without it (temp file, fsync,
 *     rename, fsync of the directory) *before* the batch's WAL write, so when
 *     the request that deleted it is answered no file under the database
 *     directory holds the value, whatever happens to the process afterwards.
 * Deletes are rare (disconnect, a retired webhook secret, an expired
 * idempotency key), so rewriting the small file then is cheap.
 */
export interface TenantSecrets {
  get(ref: string): string | undefined
  put(ref: string, value: string): void
  delete(ref: string): void
}

export interface SecretStore {
  forTenant(tenant: string): TenantSecrets
  /** Every secret of a tenant (its world was replaced: reset, scenario load). */
  dropTenant(tenant: string): void
  /** Changes not yet on disk. */
  readonly hasPending: boolean
  /** Makes every change so far durable (the file store calls it first in each batch). */
  flush(): Promise<void>
  close(): Promise<void>
}

/** The map both stores keep; only the file store writes it. */
abstract class SecretMap implements SecretStore {
  protected readonly values = new Map<string, Map<string, string>>()
  abstract get hasPending(): boolean
  protected abstract onPut(tenant: string, ref: string, value: string): void
  protected abstract onDelete(): void
  abstract flush(): Promise<void>
  abstract close(): Promise<void>

  forTenant(tenant: string): TenantSecrets {
    return {
      get: (ref) => this.values.get(tenant)?.get(ref),
      put: (ref, value) => {
        let refs = this.values.get(tenant)
        if (!refs) this.values.set(tenant, (refs = new Map()))
        if (refs.get(ref) === value) return
        refs.set(ref, value)
        this.onPut(tenant, ref, value)
      },
      delete: (ref) => {
        if (this.values.get(tenant)?.delete(ref)) this.onDelete()
      },
    }
  }

  dropTenant(tenant: string): void {
    if (this.values.get(tenant)?.size) this.onDelete()
    this.values.delete(tenant)
  }
}

export class MemorySecrets extends SecretMap {
  readonly hasPending = false
  protected onPut(): void {}
  protected onDelete(): void {}
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

type Line = [tenant: string, ref: string, value: string]

export class FileSecrets extends SecretMap {
  private appends: string[] = []
  private rewrite = false

  private constructor(
    private readonly file: DurableJsonFile<unknown>,
    private handle: FileHandle,
  ) {
    super()
  }

  static async open(path: string): Promise<FileSecrets> {
    const file = new DurableJsonFile<unknown>(path, (_v: unknown): _v is unknown => true)
    await file.removeStaleTempFiles()
    const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : []
    const store = new FileSecrets(file, await open(path, 'a', 0o600))
    let torn = false
    for (const [i, text] of lines.entries()) {
      if (!text) continue
      try {
        const [tenant, ref, value] = JSON.parse(text) as Line
        store.forTenant(tenant).put(ref, value)
      } catch {
        // Only the last line can be torn (a put whose batch was never acknowledged): drop it.
        if (i < lines.length - 1) throw new Error(`${path} is corrupt at line ${i + 1}.`)
        torn = true
      }
    }
    store.appends = []
    store.rewrite = torn
    return store
  }

  get hasPending(): boolean {
    return this.rewrite || this.appends.length > 0
  }

  protected onPut(tenant: string, ref: string, value: string): void {
    if (!this.rewrite) this.appends.push(`${JSON.stringify([tenant, ref, value] satisfies Line)}\n`)
  }

  protected onDelete(): void {
    this.rewrite = true
    this.appends = []
  }

  /**
   * Takes the pending changes synchronously (values as of now), then writes them.
   * `sync: false` leaves appended puts to `sync()` (the file store fsyncs them beside the WAL);
   * a rewrite (a delete) is always complete and durable when this resolves.
   */
  async flush(options: { sync?: boolean } = {}): Promise<void> {
    if (this.rewrite) {
      this.rewrite = false
      this.appends = []
      const text = this.all()
      await this.handle.close()
      await this.file.writeText(text)
      this.handle = await open(this.file.file, 'a', 0o600)
    } else if (this.appends.length > 0) {
      const text = this.appends.join('')
      this.appends = []
      await this.handle.write(text)
      this.unsynced = true
      if (options.sync !== false) await this.sync()
    }
  }

  private unsynced = false
  async sync(): Promise<void> {
    if (!this.unsynced) return
    this.unsynced = false
    await this.handle.sync()
  }

  private all(): string {
    let text = ''
    for (const [tenant, refs] of this.values) for (const [ref, value] of refs) text += `${JSON.stringify([tenant, ref, value] satisfies Line)}\n`
    return text
  }

  async close(): Promise<void> {
    await this.flush()
    await this.handle.close()
  }
}
