import { switchClock, type ClockMode } from '../domain/clock.js'
import { requireDuration } from '../domain/duration.js'
import { errors } from '../domain/errors.js'
import type { Tenant } from '../tenant/tenant.js'
import type { Tenants } from '../tenant/tenants.js'

/** A tenant's clock as every helper reports it: the same shape as `POST /_emulator/clock/advance`. */
export interface ClockView {
  mode: ClockMode
  now: string
}

/** `emulator.clock` (re-exported by emulator-types.ts). */
export interface ClockControl {
  now(key?: string): string
  advance(by: string | number, key?: string): Promise<ClockView>
  set(mode: ClockMode, key?: string, now?: string): Promise<ClockView>
}

/**
 * Switches the tenant's clock mode, keeping the current instant or jumping
 * to `at`. A clock only moves forward: jumping back would put new events
 * before old ones. The one rule for `POST /_emulator/clock` and the
 * library's `emulator.clock.set` (the caller runs what falls due).
 */
export function setClock(tenant: Tenant, mode: ClockMode, at?: number): void {
  if (at !== undefined && Number.isNaN(at)) throw errors.inputInvalid('`now` must be an ISO 8601 date-time.', 'now')
  if (at !== undefined && at < tenant.now()) throw errors.inputInvalid('The clock only moves forward: `now` is before the current time.', 'now')
  tenant.data.clock = switchClock(tenant.data.clock, mode, tenant.real, at)
}

export const clockView = (tenant: Tenant): ClockView => ({ mode: tenant.clock.mode, now: tenant.nowIso() })

/**
 * The library's `emulator.clock`: the same moves as the control plane's
 * clock routes, for one key (default: the emulator's default key). Each move
 * runs what fell due and is settled (durable, timers re-armed) before it resolves.
 */
export function clockControl(tenants: Tenants, settle: (tenant: Tenant) => Promise<void>, defaultKey: string): ClockControl {
  const withTenant = async <T>(key: string, fn: (tenant: Tenant) => T): Promise<T> => {
    const tenant = tenants.get(key)
    const result = fn(tenant)
    await settle(tenant)
    return result
  }
  return {
    now: (key = defaultKey) => tenants.get(key).nowIso(),
    advance: (by, key = defaultKey) =>
      withTenant(key, (tenant) => {
        tenant.advance(requireDuration(by))
        return clockView(tenant)
      }),
    set: (mode, key = defaultKey, now) =>
      withTenant(key, (tenant) => {
        setClock(tenant, mode, now ? Date.parse(now) : undefined)
        return clockView(tenant)
      }),
  }
}
