import { errors } from '../../domain/errors.js'
import type { Tenant } from '../../tenant/tenant.js'

export interface RateLimit {
  requests: number
  per: number
}

/**
 * Deck's documented limit (200 requests / 10 s per key), on the tenant's
 * clock. Off unless enabled by flag or scenario (emulator decision).
 * Counts the request or throws 429 (a synchronous pipeline step).
 */
export function checkRateLimit(tenant: Tenant, global: RateLimit | undefined): void {
  const limit = tenant.scenario?.rate_limit ?? global
  if (!limit) return
  const now = tenant.now()
  const hits = ((tenant.runtime.get('rate-limit') as number[] | undefined) ?? []).filter((t) => now - t < limit.per)
  if (hits.length >= limit.requests) {
    tenant.runtime.set('rate-limit', hits)
    throw errors.rateLimited(Math.max(1, Math.ceil((hits[0]! + limit.per - now) / 1000)))
  }
  hits.push(now)
  tenant.runtime.set('rate-limit', hits)
}
