import { errors } from '../domain/errors.js'
import type { Deleted } from '../domain/types.js'
import { checkCustomHeaders, checkEvents, checkSecret, MAX_LIVE_OLD_SECRETS, ROTATION_GRACE_MS } from '../domain/webhook-policy.js'
import type { DestinationRecord, DestinationStatus } from '../domain/webhooks.js'
import { listPage, type ListQuery } from '../tenant/list.js'
import { dropSecrets, expireSecrets, keepSecret, SECRET_EXPIRY_TIMER, secretValue } from './signing-secrets.js'
import type { Tenant } from '../tenant/tenant.js'
import { generateSecret } from './sign.js'
import { deliveriesIn, deliveriesOf, destinationsIn, destinationsOf, publicDestination } from './state.js'

export interface DestinationInput {
  /** Fixed id (scenario files); generated otherwise. */
  id?: string | undefined
  name: string
  events: string[]
  webhook: { url: string; secret?: string | undefined; custom_headers?: unknown }
}

export interface DestinationPatch {
  name?: string | undefined
  status?: DestinationStatus | undefined
  events?: string[] | undefined
  webhook?: { url?: string | undefined; secret?: string | undefined; custom_headers?: unknown } | undefined
}

export function getDestinationRecord(tenant: Tenant, id: string): DestinationRecord {
  const record = destinationsIn(tenant)[id]
  if (!record) throw errors.notFound('event_destination', id)
  return record
}

export const getDestination = (tenant: Tenant, id: string) => publicDestination(getDestinationRecord(tenant, id))

/** With `webhook.secret`: only the create and rotate responses show it. */
const withSecret = (tenant: Tenant, record: DestinationRecord) => {
  const view = publicDestination(record)
  return { ...view, webhook: { ...view.webhook, secret: secretValue(tenant, record.id, record.secrets[0]!) } }
}

export function createDestination(tenant: Tenant, input: DestinationInput) {
  const events = checkEvents(input.events)
  const custom_headers = checkCustomHeaders(input.webhook.custom_headers)
  const secret = input.webhook.secret !== undefined ? checkSecret(input.webhook.secret) : generateSecret(tenant.rng)
  const now = tenant.nowIso()
  const id = input.id ?? tenant.id('event_destination')
  const record: DestinationRecord = {
    id,
    object: 'event_destination',
    name: input.name,
    // Emulator decision: no verification handshake, so webhook destinations are active at once.
    status: 'active',
    type: 'webhook',
    events,
    webhook: { url: input.webhook.url, custom_headers },
    created_at: now,
    updated_at: now,
    secrets: [keepSecret(tenant, id, secret)],
  }
  destinationsOf(tenant)[record.id] = record
  return withSecret(tenant, record)
}

export function listDestinations(tenant: Tenant, query: ListQuery & { status?: DestinationStatus | undefined }) {
  const page = listPage(Object.values(destinationsIn(tenant)), query, { status: query.status }, (d) => !query.status || d.status === query.status)
  return { ...page, data: page.data.map(publicDestination) }
}

export function updateDestination(tenant: Tenant, id: string, patch: DestinationPatch) {
  const record = getDestinationRecord(tenant, id)
  const next: DestinationRecord = { ...record, webhook: { ...record.webhook }, updated_at: tenant.nowIso() }
  if (patch.name !== undefined) next.name = patch.name
  if (patch.status !== undefined) {
    if (patch.status === 'pending_verification') throw errors.inputInvalid('`status` can be set to `active` or `inactive`.', 'status')
    next.status = patch.status
  }
  if (patch.events !== undefined) next.events = checkEvents(patch.events)
  if (patch.webhook?.url !== undefined) next.webhook.url = patch.webhook.url
  if (patch.webhook && 'custom_headers' in patch.webhook) next.webhook.custom_headers = checkCustomHeaders(patch.webhook.custom_headers)
  // Setting a secret replaces it at once (no grace period): rotate-secret is the zero-downtime way.
  if (patch.webhook?.secret !== undefined) {
    next.secrets = [keepSecret(tenant, id, checkSecret(patch.webhook.secret))]
    dropSecrets(tenant, id, record.secrets, next.secrets) // they stop signing now: gone from disk with this request
  }
  destinationsOf(tenant)[id] = next
  return publicDestination(next)
}

/** Its deliveries go with it: nothing more is sent to a deleted destination. */
export function deleteDestination(tenant: Tenant, id: string): Deleted {
  const record = getDestinationRecord(tenant, id)
  delete destinationsOf(tenant)[id]
  dropSecrets(tenant, id, record.secrets)
  for (const delivery of Object.values(deliveriesIn(tenant))) {
    if (delivery.event_destination_id !== id) continue
    tenant.timers.cancel(delivery.id)
    delete deliveriesOf(tenant)[delivery.id]
  }
  return { id, object: 'event_destination', deleted: true }
}

/** New secret; the previous one keeps signing for 24 h of tenant time, so receivers can switch over. */
export function rotateSecret(tenant: Tenant, id: string) {
  const record = getDestinationRecord(tenant, id)
  const now = tenant.now()
  expireSecrets(tenant, id)
  const old = record.secrets.filter((s) => s.expires_at !== null && s.expires_at > now)
  if (old.length >= MAX_LIVE_OLD_SECRETS) {
    throw errors.custom(
      409,
      'request',
      'rotation_limit_reached',
      `At most ${MAX_LIVE_OLD_SECRETS} previous secrets can sign at once; wait for the oldest to expire (24 h after its rotation).`,
    )
  }
  const current = record.secrets.find((s) => s.expires_at === null)
  const retiring = current ? [{ ...current, expires_at: now + ROTATION_GRACE_MS }] : []
  record.secrets = [keepSecret(tenant, id, generateSecret(tenant.rng)), ...retiring, ...old]
  record.updated_at = tenant.nowIso()
  // When the retired secret stops signing, its value is deleted (durable timer, survives a restart).
  if (current) tenant.schedule(SECRET_EXPIRY_TIMER, id, now + ROTATION_GRACE_MS)
  return withSecret(tenant, record)
}
