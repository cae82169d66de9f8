import { withValues } from './signing-secrets.js'
import { createHash } from 'node:crypto'
import { liveSecrets } from '../domain/webhook-policy.js'
import type { DeliveryRecord } from '../domain/webhooks.js'
import { getEvent } from '../tenant/event-log.js'
import type { Tenant } from '../tenant/tenant.js'
import { signatureHeader } from './sign.js'
import { deliveriesIn, destinationsIn } from './state.js'
import { slot } from '../tenant/slot.js'

/** One HTTP POST, fully prepared: the sender only sends it. */
export interface OutgoingWebhook {
  deliveryId: string
  url: string
  headers: Record<string, string>
  body: string
  /** Wall-clock ms when it was prepared (the basis of `webhook-timestamp`). */
  sentAt: number
  /**
   * Tenant-clock ms of the attempt. Retries count from here, not from when
   * the answer came back: a manual clock may have been advanced far past it
   * meanwhile, and the whole schedule must still play out.
   */
  at: number
}

/**
 * Builds the next attempt of a pending delivery, or returns null (after
 * marking it skipped) when it can no longer be sent: its destination was
 * deactivated or its event has expired.
 *
 * `dueAt` is the attempt timer's time. `wallNow` is real time, not the tenant's: receivers check
 * `webhook-timestamp` against their own clock (±5 min), so a virtual clock
 * set far ahead must not leak into it.
 */
export function prepareAttempt(tenant: Tenant, deliveryId: string, wallNow: number, dueAt: number): OutgoingWebhook | null {
  const delivery = deliveriesIn(tenant)[deliveryId]
  if (delivery?.status !== 'pending') return null
  const destination = destinationsIn(tenant)[delivery.event_destination_id]
  const event = getEvent(tenant, delivery.event_id)
  if (destination?.status !== 'active' || !event) {
    skip(delivery, !destination ? 'destination deleted' : !event ? 'event expired' : 'destination inactive')
    return null
  }
  const fault = delivery.fault ?? {}
  const body = JSON.stringify(event)
  const timestamp = burstTimestamp(tenant, delivery, Math.floor((wallNow - (fault.stale_timestamp_ms ?? 0)) / 1000))
  // A forged signature still looks right (`v1,` + base64 of 32 bytes); only verification can tell.
  const secrets = fault.bad_signature ? [forgedSecret(delivery)] : liveSecrets(withValues(tenant, destination), tenant.now())
  const custom = destination.webhook.custom_headers ? (JSON.parse(destination.webhook.custom_headers) as Record<string, string>) : {}
  return {
    deliveryId,
    url: destination.webhook.url,
    headers: {
      ...custom,
      'content-type': 'application/json',
      'user-agent': 'deck-emulator',
      'webhook-id': event.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(secrets, event.id, timestamp, body),
    },
    body,
    sentAt: wallNow,
    // A manual clock only runs late because an advance outran an earlier send's answer: the
    // attempt belongs at its due time. A system clock runs late for real (the process was down).
    at: tenant.clock.mode === 'manual' ? Math.min(dueAt, tenant.now()) : tenant.now(),
  }
}

/**
 * A `duplicate` burst is one signed message sent N times: every copy's first
 * attempt carries the timestamp of the first copy prepared (so the same
 * signature), unless that is older than a receiver's tolerance would allow
 * (5 min). Retries are new attempts and are signed afresh. In memory: after a
 * restart the remaining copies are signed at their own time.
 */
function burstTimestamp(tenant: Tenant, delivery: DeliveryRecord, timestamp: number): number {
  const fault = delivery.fault
  if (!fault?.copy || !fault.copies || delivery.attempts.length > 0) return timestamp
  const bursts = burstsOf.of(tenant)
  const key = `${delivery.event_id} ${delivery.event_destination_id}`
  const burst = bursts.get(key)
  if (!burst || timestamp - burst.timestamp > 300) {
    bursts.set(key, { timestamp, left: fault.copies - 1 })
    return timestamp
  }
  if (--burst.left <= 0) bursts.delete(key)
  return burst.timestamp
}

function skip(delivery: DeliveryRecord, reason: string): void {
  delivery.status = 'skipped'
  delivery.skipped_reason = reason
  delivery.next_attempt_at = null
}

function forgedSecret(delivery: DeliveryRecord): string {
  return `whsec_${createHash('sha256').update(`deck-emulator bad_signature ${delivery.id}`).digest('base64')}`
}

/** Copy bursts in progress, by event and destination: the copies of one delivery share its timestamp. */
const burstsOf = slot('webhook copy bursts', () => new Map<string, { timestamp: number; left: number }>())
