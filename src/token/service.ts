import { randomBytes } from 'node:crypto'
import type { Tenant } from '../tenant/tenant.js'

export const TOKEN_TTL_MS = 30 * 60 * 1000

/**
 * `POST /v2/token`: the Auth Component's short-lived session token. Nothing
 * in the emulator consumes it, so it is not stored; its value is a bearer
 * secret, so it comes from the system's CSPRNG rather than the seeded one.
 */
export function issueToken(tenant: Tenant) {
  const now = tenant.now()
  return {
    id: tenant.id('token'),
    object: 'token' as const,
    token: `tk_${randomBytes(24).toString('base64url')}`,
    expires_at: new Date(now + TOKEN_TTL_MS).toISOString(),
    created_at: new Date(now).toISOString(),
  }
}
