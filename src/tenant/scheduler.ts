import type { Tenant } from './tenant.js'

const MAX_TIMEOUT = 2 ** 31 - 1

/**
 * Wakes system-clock tenants when their next timer falls due. Manual-clock
 * tenants never wake on their own: their time moves only when advanced.
 * Timers are unref'd so an idle emulator never keeps a test process alive.
 */
export class Scheduler {
  /** Armed timeouts by tenant, with the real-time instant they fire at. */
  private readonly handles = new Map<string, { handle: NodeJS.Timeout; at: number }>()
  private closed = false

  constructor(private readonly onDue: (tenant: Tenant) => Promise<void>) {}

  arm(tenant: Tenant): void {
    const next = tenant.timers.peek()
    const at = this.closed || !next || tenant.clock.mode !== 'system' ? undefined : next.at - tenant.clock.offset
    const existing = this.handles.get(tenant.key)
    // Called after every request: keep the armed timeout when the next due time did not move.
    if (existing && existing.at === at) return
    if (existing) clearTimeout(existing.handle)
    this.handles.delete(tenant.key)
    if (at === undefined) return
    const wait = Math.min(Math.max(0, next!.at - tenant.now()), MAX_TIMEOUT)
    const handle = setTimeout(() => {
      this.handles.delete(tenant.key)
      void this.onDue(tenant)
    }, wait)
    handle.unref()
    this.handles.set(tenant.key, { handle, at })
  }

  close(): void {
    this.closed = true
    for (const { handle } of this.handles.values()) clearTimeout(handle)
    this.handles.clear()
  }
}
