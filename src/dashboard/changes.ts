import { eventCount, lastEvent } from '../tenant/event-log.js'
import type { Tenant } from '../tenant/tenant.js'

type Listener = () => void

/**
 * Tells open dashboards that their tenant changed. `poke()` runs after every
 * settle (request or timer); listeners hear of it only when the tenant's
 * fingerprint moved, so the dashboard's own reads never echo back as changes.
 * `force` is for changes the fingerprint cannot see (a webhook attempt).
 *
 * The fingerprint reads every connection, so pokes are coalesced: the first
 * one schedules a check `intervalMs` later and the pokes until then join it.
 * With a dashboard open under load, that is one scan per interval instead of
 * one per request (and none at all while no dashboard is open).
 */
export class ChangeFeed {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly last = new Map<string, string>()
  private readonly generations = new WeakMap<object, number>()
  private readonly scheduled = new Map<string, { timer: NodeJS.Timeout; force: boolean }>()
  private nextGeneration = 0

  constructor(
    private readonly tenantOf: (key: string) => Tenant,
    private readonly intervalMs = 50,
  ) {}

  subscribe(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key)
    if (!set) this.listeners.set(key, (set = new Set()))
    set.add(listener)
    this.last.set(key, this.fingerprint(key))
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(key)
    }
  }

  poke(key: string, force = false): void {
    if (!this.listeners.has(key)) return
    const pending = this.scheduled.get(key)
    if (pending) {
      pending.force ||= force
      return
    }
    const timer = setTimeout(() => {
      const { force: forced } = this.scheduled.get(key)!
      this.scheduled.delete(key)
      this.check(key, forced)
    }, this.intervalMs)
    timer.unref()
    this.scheduled.set(key, { timer, force })
  }

  private check(key: string, force: boolean): void {
    const set = this.listeners.get(key)
    if (!set) return
    const print = this.fingerprint(key)
    if (!force && print === this.last.get(key)) return
    this.last.set(key, print)
    for (const listener of set) listener()
  }

  close(): void {
    for (const { timer } of this.scheduled.values()) clearTimeout(timer)
    this.scheduled.clear()
    this.listeners.clear()
  }

  /** Cheap summary of what a view shows: a reset (new data object), events, statuses, clock, counts. */
  private fingerprint(key: string): string {
    const tenant = this.tenantOf(key)
    const data = tenant.data
    let generation = this.generations.get(data)
    if (generation === undefined) this.generations.set(data, (generation = ++this.nextGeneration))
    const newest = lastEvent(tenant)?.id ?? ''
    let latest = ''
    for (const c of Object.values(data.connections)) if (c.updated_at > latest) latest = c.updated_at
    const clock = data.clock.mode === 'manual' ? `m${data.clock.now}` : `s${data.clock.offset}`
    const sizes = Object.entries(data).map(([k, v]) => `${k}:${Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : ''}`)
    return [generation, eventCount(tenant), newest, latest, clock, data.scenario?.name ?? '', ...sizes].join('|')
  }
}
