import type { Tenant } from './tenant.js'

/**
 * A condition `GET /_emulator/wait` can wait for. `check` returns the object
 * that proves it holds (sent back with 200), or undefined to keep waiting; it
 * may throw a DeckError for bad input (→ that error at once). `describe` says
 * what the tenant looks like instead, for the 408 message.
 */
export interface WaitCondition {
  check(tenant: Tenant, query: Record<string, string>): object | undefined
  describe(tenant: Tenant, query: Record<string, string>): string
}

/**
 * Registry keyed by the query parameter that selects a condition; the first
 * key present in the query wins (so `event=…&connection=…` is an event wait
 * filtered by connection). Add a condition by adding a key, e.g. the webhook
 * engineer's `conditions.delivery = { check: …, describe: … }`.
 */
export type WaitConditions = Record<string, WaitCondition>
