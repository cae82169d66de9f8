import type { DbData, TenantData } from './data.js'
import { MemoryEventStore, type EventStore } from './event-store.js'
import { MemorySecrets, type SecretStore, type TenantSecrets } from './secrets.js'
import { trackTenant, type CollectionListener } from './tracker.js'

/** A tenant's data as services see it, and where its events live. */
export interface AttachedTenant {
  data: TenantData
  events: EventStore
  /** The tenant's secrets, kept outside `data` (store/secrets.ts). */
  secrets: TenantSecrets
}

/**
 * Storage behind a small interface. The world lives in memory (`data`);
 * `commit()` makes every change made so far durable and resolves only then,
 * so a response is sent after its write is on disk (group commit: many
 * requests share one write).
 */
export interface Store {
  readonly data: DbData
  readonly kind: 'memory' | 'file'
  /** Secrets at rest, outside the WAL and snapshot (store/secrets.ts). */
  readonly secrets: SecretStore
  /**
   * Binds a tenant's raw data for use: returns the view services must use
   * (the file store tracks changes through it) and the tenant's event store.
   * `fresh`: the tenant is new or replaced wholesale (reset, scenario load).
   */
  attach(key: string, raw: TenantData, fresh: boolean, listeners: Map<string, CollectionListener>): AttachedTenant
  commit(): Promise<void>
  /**
   * Nothing waiting to be written and no write in flight: `commit()` would
   * have nothing to wait for. Lets a request that changed nothing (a GET)
   * skip the commit promise altogether.
   */
  readonly clean: boolean
  close(): Promise<void>
}

/**
 * In-memory (the library and msw default, so the fastest path): no change
 * tracking, no serialisation. Only collections with a listener (indexes)
 * see their sets and deletes.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory'
  readonly secrets = new MemorySecrets()
  constructor(readonly data: DbData) {}

  attach(key: string, raw: TenantData, fresh: boolean, listeners: Map<string, CollectionListener>): AttachedTenant {
    if (fresh) {
      this.data.tenants[key] = raw
      this.secrets.dropTenant(key)
    }
    return { data: trackTenant(raw, { deep: false, listeners }), events: new MemoryEventStore(raw.events), secrets: this.secrets.forTenant(key) }
  }

  /** Nothing is ever written. */
  readonly clean = true
  async commit(): Promise<void> {}
  async close(): Promise<void> {}
}
