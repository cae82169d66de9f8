import type { TenantData } from '../store/data.js'
import type { Tenant } from './tenant.js'

/** The TenantData fields that are optional dictionaries of records (created on first use). */
export type LazyCollectionField = {
  [K in keyof TenantData]-?: undefined extends TenantData[K] ? (NonNullable<TenantData[K]> extends Record<string, infer _> ? K : never) : never
}[keyof TenantData]

/** What a read of an absent collection sees: no records, no prototype (a client id like `constructor` finds nothing), and no writes. */
const EMPTY: Readonly<Record<string, never>> = Object.freeze(Object.create(null) as Record<string, never>)

/**
 * A resource module's collection, reached only through the accessors this
 * returns, so `Tenants.build` never has to know it. The field is absent until
 * the first write (`of`): assigning it goes through the store's tracking view
 * like any other change, so the file store writes it (db.json / WAL) and a
 * database written before the resource existed simply lacks it. `read` never
 * creates it: a GET on such a tenant writes nothing. Records read through
 * `read` of an existing collection are the tracked ones (in-place edits are
 * stored); the empty stand-in is frozen, so a write through it fails loudly.
 */
export function lazyCollection<K extends LazyCollectionField>(field: K) {
  type Records = NonNullable<TenantData[K]>
  return {
    /** For writes: the collection, created (empty) on first use. */
    of: (tenant: Tenant): Records => {
      const data = tenant.data as Record<K, Records | undefined>
      // Read back after creating: `??=` would hand out the raw object, past the tracking view.
      if (data[field] === undefined) data[field] = {} as Records
      return data[field]!
    },
    /** For reads: the collection, or an empty stand-in when the tenant has none yet. */
    read: (tenant: Tenant): Readonly<Records> => tenant.data[field] ?? (EMPTY as Readonly<Records>),
  }
}
