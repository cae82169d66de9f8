import type { Tenant } from './tenant.js'

const MAX_TIMEOUT = 2 ** 31 - 1

/**
 * Wakes system-clock tenants when their next timer falls due. Manual-clock
 * tenants never wake on their own: their time moves only when advanced.
 * Timers are unref'd so an idle emulator never keeps a test process alive.
 */
export class Scheduler {
  private readonly handles = new Map<string, NodeJS.Timeout>()
  private closed = false

  constructor(private readonly onDue: (tenant: Tenant) => Promise<void>) {}

  arm(tenant: Tenant): void {
    const existing = this.handles.get(tenant.key)
    if (existing) clearTimeout(existing)
    this.handles.delete(tenant.key)
    const next = tenant.timers.peek()
    if (this.closed || !next || tenant.data.clock.mode !== 'system') return
    const wait = Math.min(Math.max(0, next.at - tenant.now()), MAX_TIMEOUT)
    const handle = setTimeout(() => {
      this.handles.delete(tenant.key)
      void this.onDue(tenant)
    }, wait)
    handle.unref()
    this.handles.set(tenant.key, handle)
  }

  close(): void {
    this.closed = true
    for (const handle of this.handles.values()) clearTimeout(handle)
    this.handles.clear()
  }
}
