import type { Clock } from '../domain/clock.js'
import { requireDuration } from '../domain/duration.js'
import type { ClockControl, ClockView } from '../emulator-types.js'
import type { Tenant } from '../tenant/tenant.js'
import type { Tenants } from '../tenant/tenants.js'

/**
 * The library's `emulator.clock`: the same moves as the control plane's
 * clock routes, for one key (default: the emulator's default key). Each move
 * runs what fell due and is settled (durable, timers re-armed) before it resolves.
 */
export function clockControl(tenants: Tenants, settle: (tenant: Tenant) => Promise<void>, real: Clock, defaultKey: string): ClockControl {
  const withTenant = async <T>(key: string, fn: (tenant: Tenant) => T): Promise<T> => {
    const tenant = tenants.get(key)
    const result = fn(tenant)
    await settle(tenant)
    return result
  }
  return {
    now: (key = defaultKey) => tenants.get(key).nowIso(),
    advance: (by, key = defaultKey) => withTenant(key, (tenant) => {
      tenant.advance(requireDuration(by))
      return view(tenant)
    }),
    set: (mode, key = defaultKey, now) => withTenant(key, (tenant) => {
      const at = now ? Date.parse(now) : tenant.now()
      tenant.data.clock = mode === 'manual' ? { mode, now: at, offset: 0 } : { mode, now: at, offset: at - real.now() }
      return view(tenant)
    }),
  }
}

const view = (tenant: Tenant): ClockView => ({ mode: tenant.data.clock.mode, now: tenant.nowIso() })
