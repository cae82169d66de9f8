import type { Connection } from '../domain/types.js'
import type { CollectionListener } from '../store/tracker.js'
import { slot } from '../tenant/slot.js'
import type { Tenant } from '../tenant/tenant.js'
import { connectionsIn } from './state.js'

type Key = 'source_id' | 'status' | 'external_id'
const KEYS: Key[] = ['source_id', 'status', 'external_id']

const older = (a: { created_at: string; id: string }, b: { created_at: string; id: string }) =>
  a.created_at < b.created_at || (a.created_at === b.created_at && a.id < b.id)

/**
 * Derived, in-memory indexes over `tenant.data.connections`: every id in
 * creation order (oldest first) and the ids per source, status and
 * external_id. Built on first use (so after a restart too) and kept up to
 * date by the store's change listener, so listing never scans or sorts the
 * whole collection.
 */
export class ConnectionIndex implements CollectionListener {
  /** Oldest first by (created_at, id): the reverse of the API order. */
  readonly order: { id: string; created_at: string }[] = []
  private readonly by: Record<Key, Map<string, Set<string>>> = { source_id: new Map(), status: new Map(), external_id: new Map() }
  private readonly known = new Map<string, Record<Key, string | null>>()
  private stale = true

  constructor(private readonly tenant: Tenant) {}

  static of(tenant: Tenant): ConnectionIndex {
    const index = connectionIndex.of(tenant)
    if (index.stale) index.rebuild()
    return index
  }

  private rebuild(): void {
    this.order.length = 0
    this.known.clear()
    for (const key of KEYS) this.by[key].clear()
    const all = Object.values(connectionsIn(this.tenant)).map((c) => ({ id: c.id, created_at: c.created_at, c }))
    all.sort((a, b) => (older(a, b) ? -1 : 1))
    for (const { id, created_at, c } of all) {
      this.order.push({ id, created_at })
      this.remember(c)
    }
    this.stale = false
  }

  private remember(c: Connection): void {
    const values = { source_id: c.source_id, status: c.status, external_id: c.external_id }
    for (const key of KEYS) {
      const value = values[key]
      if (value === null || value === undefined) continue
      let set = this.by[key].get(value)
      if (!set) this.by[key].set(value, (set = new Set()))
      set.add(c.id)
    }
    this.known.set(c.id, values)
  }

  private forget(id: string): void {
    const values = this.known.get(id)
    if (!values) return
    for (const key of KEYS) {
      const value = values[key]
      if (value === null) continue
      const set = this.by[key].get(value)
      set?.delete(id)
      if (set?.size === 0) this.by[key].delete(value)
    }
    this.known.delete(id)
  }

  change(id: string, value: unknown): void {
    if (this.stale) return
    const c = value as Connection | undefined
    const isNew = !this.known.has(id)
    this.forget(id)
    if (!c) {
      const at = this.order.findIndex((o) => o.id === id)
      if (at >= 0) this.order.splice(at, 1)
      return
    }
    this.remember(c)
    if (isNew) {
      // Almost always the newest (clocks only move forward): a binary search from the end.
      let lo = 0
      let hi = this.order.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (older(this.order[mid]!, c)) lo = mid + 1
        else hi = mid
      }
      this.order.splice(lo, 0, { id: c.id, created_at: c.created_at })
    }
  }

  reset(): void {
    this.stale = true
  }

  /** The smallest candidate set among the given filters (undefined: no filter given). */
  candidates(filters: Partial<Record<Key, string | undefined>>): Set<string> | undefined {
    let best: Set<string> | undefined
    for (const key of KEYS) {
      const value = filters[key]
      if (value === undefined) continue
      const set = this.by[key].get(value) ?? new Set<string>()
      if (!best || set.size < best.size) best = set
    }
    return best
  }

  /** Position in `order` of the first item strictly older than the cursor item. */
  olderThan(cursor: { created_at: string; id: string }): number {
    let lo = 0
    let hi = this.order.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (older(this.order[mid]!, cursor)) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** One index per tenant, registered as the connections collection's change listener when first built. */
const connectionIndex = slot('connection index', (tenant) => {
  const index = new ConnectionIndex(tenant)
  tenant.listeners.set('connections', index)
  return index
})
