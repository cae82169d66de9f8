import { createHash } from 'node:crypto'
import type { DestinationRecord, SigningSecret } from '../domain/webhooks.js'
import { secretRefs } from '../tenant/secret-refs.js'
import type { Tenant } from '../tenant/tenant.js'
import { destinationsIn } from './state.js'

/** The durable timer that deletes a rotated-out secret when it stops signing (ref: the destination id). */
export const SECRET_EXPIRY_TIMER = 'webhook.secret_expire'

/**
 * A destination's signing secrets: the record keeps `{ id, expires_at }`, the
 * value lives in `tenant.secrets` (store/secrets.ts), so a secret that stops
 * signing (replaced by PATCH, expired after a rotation, destination deleted)
 * leaves no copy on disk. The id is a digest of the value: no draw from the
 * seeded RNG, so ids of everything else stay what they were.
 */
export function keepSecret(tenant: Tenant, destinationId: string, value: string, expiresAt: number | null = null): SigningSecret {
  const id = createHash('sha256').update(value).digest('base64url').slice(0, 16)
  tenant.secrets.put(secretRefs.webhookSecret(destinationId, id), value)
  return { id, expires_at: expiresAt }
}

/** The value of one signing secret (`secret` inline: a file written before secrets moved out). */
export function secretValue(tenant: Tenant, destinationId: string, s: SigningSecret): string {
  return (s.id !== undefined ? tenant.secrets.get(secretRefs.webhookSecret(destinationId, s.id)) : undefined) ?? s.secret ?? ''
}

/** The secrets with their values, for signing (domain/webhook-policy `liveSecrets` takes them). */
export function withValues(tenant: Tenant, record: DestinationRecord): SigningSecret[] {
  return record.secrets.map((s) => ({ ...s, secret: secretValue(tenant, record.id, s) }))
}

/** Deletes the values of `gone` (unless `kept` still has the same secret). */
export function dropSecrets(tenant: Tenant, destinationId: string, gone: readonly SigningSecret[], kept: readonly SigningSecret[] = []): void {
  const keep = new Set(kept.map((s) => s.id))
  for (const s of gone) if (s.id !== undefined && !keep.has(s.id)) tenant.secrets.delete(secretRefs.webhookSecret(destinationId, s.id))
}

/** Timer handler: secrets past their `expires_at` leave the record and the disk. */
export function expireSecrets(tenant: Tenant, destinationId: string): void {
  const record = destinationsIn(tenant)[destinationId]
  if (!record) return
  const now = tenant.now()
  const live = record.secrets.filter((s) => s.expires_at === null || s.expires_at > now)
  if (live.length === record.secrets.length) return
  dropSecrets(
    tenant,
    destinationId,
    record.secrets.filter((s) => !live.includes(s)),
    live,
  )
  record.secrets = live
}
