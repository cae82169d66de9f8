import type { Tenant } from '../tenant/tenant.js'
import { MemoryBlobStore, type BlobStore } from './blob-store.js'
import { tenantNamespace, UrlSigner } from './signer.js'

/**
 * What run artifacts need beyond the tenant's data: where bytes live, the URL
 * signer, and a way to run something once the current changes are durable.
 * Installed as `TenantHooks.artifacts` by the composition root.
 */
export interface ArtifactContext {
  blobs: BlobStore
  signer: UrlSigner
  /** Runs `fn` after the next commit (blob deletions: the record's removal must be durable first). */
  afterCommit(fn: () => void): void
  /** The latest real browser screenshot of this connection's (or credential's) login, if its source logs in with a browser. */
  browserShot?(tenantKey: string, ownerId: string): Uint8Array | undefined
}

// Declared here, not in the core, so src/tenant/ knows nothing of artifacts (see connections/login-drivers.ts).
declare module '../tenant/tenant.js' {
  interface TenantHooks {
    /** Blob storage, URL signer and commit callback for run artifacts. */
    artifacts?: ArtifactContext
  }
}

let fallback: ArtifactContext | undefined

/** The tenant's artifact context (a memory one when none was installed, e.g. a bare Tenant in a unit test). */
export function artifactsOf(tenant: Tenant): ArtifactContext {
  return tenant.hooks.artifacts ?? (fallback ??= { blobs: new MemoryBlobStore(), signer: UrlSigner.random(), afterCommit: (fn) => fn() })
}

const namespaces = new Map<string, string>()

/** The tenant's namespace (cached: a hash per signed URL would show in profiles). */
export function namespaceOf(key: string): string {
  let ns = namespaces.get(key)
  if (!ns) namespaces.set(key, (ns = tenantNamespace(key)))
  return ns
}

/** An absolute signed URL for a blob of the tenant, expiring 1 h from now on its clock. */
export function signedUrl(tenant: Tenant, origin: string, id: string, ttlMs: number): string {
  const expires = Math.floor((tenant.now() + ttlMs) / 1000)
  return origin + artifactsOf(tenant).signer.path(namespaceOf(tenant.key), id, expires)
}
