import { resolve } from 'node:path'
import type { Hono } from 'hono'
import type { ScreenshotStore } from '../browser/screenshots.js'
import type { TenantHooks } from '../tenant/tenant.js'
import type { Tenants } from '../tenant/tenants.js'
import type { Store } from '../store/store.js'
import { DiskBlobStore, MemoryBlobStore } from './blob-store.js'
import { shotRunById } from './runs.js'
import { namespaceOf } from './context.js'
import { filesApp } from './files-route.js'
import { screenshotTimerHandlers } from './screenshots.js'
import { UrlSigner } from './signer.js'
import { storageTimerHandlers } from './storage.js'

export const FILES_BASE = '/_files'

/**
 * Wires run artifacts into the emulator: file bytes beside the database
 * (`<db>.files/`, signing key `<db>.signing-key`, 0600) or in memory, their
 * timers, and the `/_files` app. `flush()` runs blob deletions once the
 * removal of their records is durable (call it after every commit).
 */
export function installArtifacts(deps: {
  storagePath?: string | undefined
  hooks: TenantHooks
  screenshots: ScreenshotStore
  tenants: Tenants
  store: Store
  requestId(): string
}): { app: Hono; flush(): void } {
  const root = deps.storagePath === undefined ? undefined : resolve(deps.storagePath)
  const signer = root ? UrlSigner.fromFile(`${root}.signing-key`) : UrlSigner.random()
  const blobs = root ? new DiskBlobStore(`${root}.files`) : new MemoryBlobStore()
  if (blobs instanceof DiskBlobStore) {
    const byNs = new Map(Object.entries(deps.store.data.tenants).map(([key, data]) => [namespaceOf(key), data]))
    blobs.sweep((ns) => {
      const data = byNs.get(ns)
      const ids = new Set(Object.keys(data?.storage_items ?? {}))
      for (const notes of Object.values(data?.run_artifacts ?? {})) if (notes.browser_png) ids.add(notes.browser_png)
      return ids
    })
  }
  const pending: (() => void)[] = []
  deps.hooks.artifacts = {
    blobs,
    signer,
    afterCommit: (fn) => pending.push(fn),
    browserShot: (key, ownerId) => deps.screenshots.list(key, ownerId).at(-1)?.png,
  }
  Object.assign(deps.hooks.timers, storageTimerHandlers, screenshotTimerHandlers)

  let byNamespace = new Map<string, string>()
  const tenantByNamespace = (ns: string) => {
    let key = byNamespace.get(ns)
    if (key === undefined) {
      // A tenant made since the map was built: rebuild it (downloads never create a tenant).
      byNamespace = new Map(Object.keys(deps.store.data.tenants).map((k) => [namespaceOf(k), k]))
      key = byNamespace.get(ns)
    }
    return key === undefined ? undefined : deps.tenants.get(key)
  }
  const app = filesApp({
    signer,
    tenantByNamespace,
    requestId: deps.requestId,
    findRun: (tenant, runId) => shotRunById(tenant, runId),
  })
  return {
    app,
    flush() {
      for (const fn of pending.splice(0)) {
        try {
          fn()
        } catch {
          // A file already gone is what we wanted.
        }
      }
    },
  }
}
