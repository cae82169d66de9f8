import { createHash } from 'node:crypto'
import { errors } from '../domain/errors.js'
import { generateOutput } from '../domain/json-schema.js'
import type { RunFile } from '../domain/run-script.js'
import { STORAGE_RETENTION_MS, type StorageItem, type StorageRecord } from '../domain/storage-item.js'
import type { TaskStorage } from '../domain/task.js'
import { paginate } from '../domain/pagination.js'
import type { Tenant, TimerHandler } from '../tenant/tenant.js'
import { artifactsOf, namespaceOf, signedUrl } from './context.js'
import { generateFile } from './generate/index.js'
import { URL_TTL_MS } from './signer.js'
import { slot } from '../tenant/slot.js'
import { lazyCollection } from '../tenant/collection.js'

export const STORAGE_TIMERS = { expire: 'storage.expire' } as const

/** Who a run belongs to, for deduplication and listing. Both generations build one. */
export interface RunTarget {
  run_id: string
  task_id: string
  /** connection_id (connections generation) or credential_id (credentials generation). */
  owner_id: string
}

/** The one small file the default run of a storage task keeps. */
export const DEFAULT_RUN_FILE: RunFile = { name: 'document.pdf', type: 'application/pdf', size: 2048 }

/** The tenant's stored files, created on first write (tenant/collection.ts): only this file reaches `tenant.data.storage_items`. */
const storageItems = lazyCollection('storage_items')
const records: (tenant: Tenant) => Record<string, StorageRecord> = storageItems.of

const dedupKey = (task: string, owner: string, sha: string) => `${task}\u0000${owner}\u0000${sha}`

/** In-memory index of stored content hashes per task and owner (rebuilt after a restart). */
function dedupIndex(tenant: Tenant): Set<string> {
  return dedupHashes.of(tenant)
}

const dedupHashes = slot('storage content hashes', (tenant) => {
  const index = new Set<string>()
  for (const r of Object.values(storageItems.read(tenant))) index.add(dedupKey(r.task_id, r.owner_id, r.sha256))
  return index
})

/** Run ids → their storage ids, oldest first (in memory, rebuilt after a restart). */
function runIndex(tenant: Tenant): Map<string, string[]> {
  return storageByRun.of(tenant)
}

const storageByRun = slot('storage ids by run', (tenant) => {
  const index = new Map<string, string[]>()
  const all = Object.values(storageItems.read(tenant)).sort((a, b) =>
    a.item.created_at < b.item.created_at ? -1 : a.item.created_at > b.item.created_at ? 1 : a.item.id < b.item.id ? -1 : 1,
  )
  for (const r of all) push(index, r.item.task_run_id, r.item.id)
  return index
})

function push(index: Map<string, string[]>, runId: string, id: string): void {
  const list = index.get(runId)
  if (list) list.push(id)
  else index.set(runId, [id])
}

/**
 * Stores a run's files when its task keeps storage: each becomes a storage
 * item (bytes durable on disk before the record exists), `storage.created`,
 * and a 90-day retention timer. With deduplication, a file whose content hash
 * was already stored for the same task and owner is skipped.
 */
export function storeRunFiles(tenant: Tenant, target: RunTarget, storage: TaskStorage | undefined, files: RunFile[]): StorageItem[] {
  if (!storage?.enabled) return []
  const ctx = artifactsOf(tenant)
  // Built (from the stored records) before this call adds any.
  const hashes = dedupIndex(tenant)
  const byRun = runIndex(tenant)
  const stored: StorageItem[] = []
  for (const file of files) {
    const bytes = file.content !== undefined ? Buffer.from(file.content, 'utf8') : generateFile(file.type, file.size ?? 1024, tenant.rng, file.name)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const key = dedupKey(target.task_id, target.owner_id, sha256)
    if (storage.deduplication && hashes.has(key)) continue
    const id = tenant.id('storage')
    ctx.blobs.put(namespaceOf(tenant.key), id, bytes)
    const extraction = storage.extraction && storage.extraction_schema ? generateOutput(storage.extraction_schema, tenant.rng.int(2 ** 31), tenant.now()) : null
    const item: Omit<StorageItem, 'url'> = {
      id,
      object: 'storage',
      file_name: file.name,
      file_type: file.type,
      file_size: bytes.length,
      metadata: {},
      extraction,
      task_run_id: target.run_id,
      result: 'success',
      created_at: tenant.nowIso(),
    }
    const expires = tenant.now() + STORAGE_RETENTION_MS
    records(tenant)[id] = { item, task_id: target.task_id, owner_id: target.owner_id, sha256, expires_at: expires }
    hashes.add(key)
    push(byRun, target.run_id, id)
    tenant.schedule(STORAGE_TIMERS.expire, id, expires)
    tenant.emit([{ type: 'storage.created', data: { ...item } }])
    stored.push({ ...item })
  }
  return stored
}

/** `GET /v2/storage/{id}`: the item with a signed URL (1 h). */
export function getStorageItem(tenant: Tenant, id: string, origin: string): StorageItem {
  const record = storageItems.read(tenant)[id]
  if (!record) throw errors.notFound('storage', id)
  return withUrl(tenant, record, origin)
}

function withUrl(tenant: Tenant, record: StorageRecord, origin: string): StorageItem {
  const { created_at, ...rest } = record.item
  return { ...rest, url: signedUrl(tenant, origin, record.item.id, URL_TTL_MS), created_at }
}

/** The run's items oldest first; `withUrls` for include=storage (the list endpoint leaves URLs out). */
export function runStorage(tenant: Tenant, runId: string, origin?: string): StorageItem[] {
  const ids = runIndex(tenant).get(runId) ?? []
  const out: StorageItem[] = []
  for (const id of ids) {
    const record = storageItems.read(tenant)[id]
    if (record) out.push(origin === undefined ? { ...record.item } : withUrl(tenant, record, origin))
  }
  return out
}

/** `GET /v2/task-runs/{id}/storage`: paginated, items without `url`. */
export function listRunStorage(tenant: Tenant, runId: string, query: { limit: number; cursor?: string | undefined }) {
  return paginate(runStorage(tenant, runId), { limit: query.limit, cursor: query.cursor, filters: { run: runId } })
}

/** The record a signed URL names, for the file route. */
export function storedFile(tenant: Tenant, id: string): { type: string; size: number; name: string } | undefined {
  const record = storageItems.read(tenant)[id]
  return record && { type: record.item.file_type, size: record.item.file_size, name: record.item.file_name }
}

/** Drops an item: record, indexes, `storage.deleted`, then (once that is durable) its bytes. */
export function deleteStorageItem(tenant: Tenant, id: string): void {
  const record = storageItems.read(tenant)[id]
  if (!record) return
  delete records(tenant)[id]
  dedupIndex(tenant).delete(dedupKey(record.task_id, record.owner_id, record.sha256))
  const list = runIndex(tenant).get(record.item.task_run_id)
  if (list) list.splice(list.indexOf(id), 1)
  tenant.timers.cancel(id)
  tenant.emit([{ type: 'storage.deleted', data: { ...record.item } }])
  const ctx = artifactsOf(tenant)
  const ns = namespaceOf(tenant.key)
  ctx.afterCommit(() => ctx.blobs.delete(ns, id))
}

const onExpire: TimerHandler = (tenant, timer) => deleteStorageItem(tenant, timer.ref)

export const storageTimerHandlers: Record<string, TimerHandler> = { [STORAGE_TIMERS.expire]: onExpire }
