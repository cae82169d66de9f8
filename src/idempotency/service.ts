import { secretRefs } from '../tenant/secret-refs.js'
import type { Tenant } from '../tenant/tenant.js'
import { slot } from '../tenant/slot.js'

/** How long a key's response is replayed (tenant clock). */
const WINDOW_MS = 24 * 60 * 60 * 1000

/** A stored response for an `Idempotency-Key`: the request's digest, and the reply to send again. */
export interface IdempotentReply {
  fingerprint: string
  status: number
  /** The response body as sent. */
  body: string
}

/**
 * The tenant's stored `Idempotency-Key` responses (the HTTP middleware reads
 * the header and calls this). The record (digest, status, time) is in
 * `tenant.data.idempotency`; the body is kept with the secrets, outside the
 * WAL, because it may show a secret once (a webhook secret on create or
 * rotate), and it is deleted when the key expires.
 */
export function findReply(tenant: Tenant, key: string): IdempotentReply | undefined {
  const record = tenant.data.idempotency[key]
  if (!record) return undefined
  if (tenant.now() - record.at >= WINDOW_MS) {
    forget(tenant, key)
    return undefined
  }
  const body = tenant.secrets.get(secretRefs.idempotentResponse(key)) ?? JSON.stringify(record.body ?? null)
  return { fingerprint: record.fingerprint, status: record.status, body }
}

/** Stores a successful response for `key`, and sweeps the expired keys now and then. */
export function rememberReply(tenant: Tenant, key: string, reply: IdempotentReply): void {
  tenant.secrets.put(secretRefs.idempotentResponse(key), reply.body)
  tenant.data.idempotency[key] = { fingerprint: reply.fingerprint, status: reply.status, body: null, at: tenant.now() }
  sweepExpired(tenant)
}

function forget(tenant: Tenant, key: string): void {
  delete tenant.data.idempotency[key]
  tenant.secrets.delete(secretRefs.idempotentResponse(key))
}

/** Tenant time of the last sweep (none yet: undefined). */
const lastSweep = slot<number | undefined>('idempotency swept at', () => undefined)

/** Expired keys go with their stored responses; at most once a minute of tenant time per tenant (a scan of all keys). */
function sweepExpired(tenant: Tenant): void {
  const now = tenant.now()
  if (now - (lastSweep.peek(tenant) ?? -Infinity) < 60_000) return
  lastSweep.set(tenant, now)
  for (const [key, record] of Object.entries(tenant.data.idempotency)) if (now - record.at >= WINDOW_MS) forget(tenant, key)
}
