import type { Store } from '../store/store.js'
import type { Settle } from '../tenant/settle.js'
import type { Tenants } from '../tenant/tenants.js'
import type { Waiters } from '../tenant/waiters.js'

/**
 * `emulator.reset(key?)`: one tenant (default: every stored one) back to its
 * loaded scenario; each new tenant is re-armed, the reset is committed, and
 * only then are its waiters told (they see the durable state).
 */
export function tenantReset(deps: { store: Store; tenants: Tenants; settle: Settle; waiters: Waiters }): (key?: string) => Promise<void> {
  return async (key) => {
    const keys = key ? [key] : Object.keys(deps.store.data.tenants)
    for (const k of keys) deps.settle.arm(deps.tenants.reset(k))
    await deps.settle.commit()
    for (const k of keys) deps.waiters.notify(deps.tenants.get(k))
  }
}
