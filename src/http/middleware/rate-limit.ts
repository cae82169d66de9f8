import { errors } from '../../domain/errors.js'
import type { Tenant } from '../../tenant/tenant.js'
import { slot } from '../../tenant/slot.js'

export interface RateLimit {
  requests: number
  per: number
}

/**
 * Deck's documented limit (200 requests / 10 s per key), on the tenant's
 * clock. Off unless enabled by flag or scenario (emulator decision).
 * Counts the request or throws 429 (a synchronous pipeline step).
 */
/** Tenant times of the requests counted in the current window. */
const recentHits = slot<number[]>('rate-limit hits', () => [])

export function checkRateLimit(tenant: Tenant, global: RateLimit | undefined): void {
  const limit = tenant.scenario?.rate_limit ?? global
  if (!limit) return
  const now = tenant.now()
  const hits = recentHits.of(tenant).filter((t) => now - t < limit.per)
  if (hits.length >= limit.requests) {
    recentHits.set(tenant, hits)
    throw errors.rateLimited(Math.max(1, Math.ceil((hits[0]! + limit.per - now) / 1000)))
  }
  hits.push(now)
  recentHits.set(tenant, hits)
}
