import type { Tenant } from './tenant.js'

/**
 * A typed, in-memory value that a module keeps per tenant (an index, a
 * journal, a rate window, a chaos stream): created on first use, never
 * stored, gone with the Tenant object (a reset or restart makes a new one).
 * Each module declares its own slot, so there is no shared bag and no cast.
 */
export interface Slot<T> {
  /** What the slot holds (for a reader and a debugger). */
  readonly name: string
  /** The tenant's value, created on first use. */
  of(tenant: Tenant): T
  /** The tenant's value if one was created, else undefined (never creates). */
  peek(tenant: Tenant): T | undefined
  /** Replaces the tenant's value (e.g. a cleared journal). */
  set(tenant: Tenant, value: T): void
}

/**
 * `create` builds the first value and may read the tenant's data. Values sit
 * in a WeakMap keyed by the Tenant (boxed, so an `undefined` value counts as
 * created), and a replaced tenant's values are collected with it.
 */
export function slot<T>(name: string, create: (tenant: Tenant) => T): Slot<T> {
  const boxes = new WeakMap<Tenant, { value: T }>()
  return {
    name,
    of(tenant) {
      let box = boxes.get(tenant)
      if (!box) {
        box = { value: create(tenant) }
        boxes.set(tenant, box)
      }
      return box.value
    },
    peek: (tenant) => boxes.get(tenant)?.value,
    set(tenant, value) {
      boxes.set(tenant, { value })
    },
  }
}
