import { errors } from '../domain/errors.js'
import { outcomeOf, retryDelay, subscribes } from '../domain/webhook-policy.js'
import type { DeliveryFault, DeliveryRecord, DestinationRecord } from '../domain/webhooks.js'
import type { DeckEvent } from '../domain/types.js'
import { getEvent } from '../tenant/event-log.js'
import type { Tenant } from '../tenant/tenant.js'
import type { OutgoingWebhook } from './attempt.js'
import { getDestinationRecord } from './destinations.js'
import { planDeliveries } from './faults.js'
import { deliveriesIn, deliveriesOf, destinationsIn, publicDelivery } from './state.js'

/** The durable timer kind of a delivery attempt; its `ref` is the delivery id. */
export const ATTEMPT_TIMER = 'webhook.attempt'

/** What one HTTP attempt came to. `status_code` is null when no response arrived. */
export interface AttemptResult {
  status_code: number | null
  duration_ms: number
  error: string | null
}

/**
 * The outbox: one durable delivery record per (event, destination), each
 * attempt a durable timer. Records are written in the same commit as the
 * event, so a delivery exists as soon as its event does.
 */
export function enqueueEvent(tenant: Tenant, event: DeckEvent): void {
  for (const destination of Object.values(destinationsIn(tenant))) {
    if (!subscribes(destination.events, event.type)) continue
    if (destination.status !== 'active') {
      addDelivery(tenant, destination, event, { skipped: 'destination inactive' })
      continue
    }
    const plan = planDeliveries(tenant, event.type)
    if (plan.fault?.drop) {
      addDelivery(tenant, destination, event, { fault: plan.fault, skipped: 'dropped by webhook_faults' })
      continue
    }
    for (let copy = 1; copy <= plan.copies; copy++) {
      const fault = plan.fault ? { ...plan.fault, ...(plan.copies > 1 ? { copy, copies: plan.copies } : {}) } : null
      addDelivery(tenant, destination, event, { fault })
    }
  }
}

interface DeliveryOptions {
  fault?: DeliveryFault | null
  skipped?: string
  resend?: boolean
}

function addDelivery(tenant: Tenant, destination: DestinationRecord, event: DeckEvent, options: DeliveryOptions): DeliveryRecord {
  const at = tenant.now() + (options.fault?.delay_ms ?? 0)
  const record: DeliveryRecord = {
    id: tenant.id('event_delivery'),
    object: 'event_delivery',
    status: options.skipped ? 'skipped' : 'pending',
    event_id: event.id,
    event_type: event.type,
    event_destination_id: destination.id,
    attempts: [],
    created_at: tenant.nowIso(),
    delivered_at: null,
    next_attempt_at: options.skipped ? null : at,
    fault: options.fault ?? null,
    resend: options.resend ?? false,
    ...(options.skipped ? { skipped_reason: options.skipped } : {}),
  }
  deliveriesOf(tenant)[record.id] = record
  if (!options.skipped) tenant.schedule(ATTEMPT_TIMER, record.id, at)
  return record
}

/**
 * Records an attempt and decides what follows: success; 410 → the
 * destination is deactivated at once; otherwise a retry on the tenant's
 * clock, or, when the schedule is exhausted, failure and deactivation.
 */
export function recordAttempt(tenant: Tenant, request: OutgoingWebhook, result: AttemptResult, schedule: readonly number[]): void {
  const delivery = deliveriesIn(tenant)[request.deliveryId]
  if (delivery?.status !== 'pending') return
  const at = new Date(request.at).toISOString()
  delivery.attempts.push({
    at,
    status_code: result.status_code,
    duration_ms: result.duration_ms,
    error: result.error,
    sent_at: new Date(request.sentAt).toISOString(),
    url: request.url,
    headers: request.headers,
  })
  const outcome = outcomeOf(result.status_code)
  if (outcome === 'success') {
    delivery.status = 'success'
    delivery.delivered_at = at
    delivery.next_attempt_at = null
    return
  }
  const delay = outcome === 'gone' ? undefined : retryDelay(delivery.attempts.length, schedule)
  if (delay !== undefined) {
    delivery.next_attempt_at = request.at + delay
    tenant.schedule(ATTEMPT_TIMER, delivery.id, delivery.next_attempt_at)
    return
  }
  delivery.status = 'failure'
  delivery.next_attempt_at = null
  deactivate(tenant, delivery.event_destination_id)
}

function deactivate(tenant: Tenant, destinationId: string): void {
  const destination = destinationsIn(tenant)[destinationId]
  if (!destination || destination.status === 'inactive') return
  destination.status = 'inactive'
  destination.updated_at = tenant.nowIso()
}

/**
 * After a restart: a delivery still pending whose timer is gone was in
 * flight when the process died. It is sent again (at-least-once).
 */
export function rearmPending(tenant: Tenant): number {
  let rearmed = 0
  for (const delivery of Object.values(deliveriesIn(tenant))) {
    if (delivery.status !== 'pending' || tenant.timers.forRef(delivery.id).length > 0) continue
    tenant.schedule(ATTEMPT_TIMER, delivery.id, delivery.next_attempt_at ?? tenant.now())
    rearmed++
  }
  return rearmed
}

/**
 * `POST /v2/events/{id}/resend`: a new delivery, unfaulted, to one named
 * destination (which must be active) or to every active subscribed one.
 */
export function resendEvent(tenant: Tenant, eventId: string, destinationId?: string) {
  const event = getEvent(tenant, eventId)
  if (!event) throw errors.notFound('event', eventId)
  let targets: DestinationRecord[]
  if (destinationId !== undefined) {
    const destination = getDestinationRecord(tenant, destinationId)
    if (destination.status !== 'active') throw errors.invalidState('event destination', destination.status, 'resend (PATCH its status to `active` first)')
    targets = [destination]
  } else {
    targets = Object.values(destinationsIn(tenant)).filter((d) => d.status === 'active' && subscribes(d.events, event.type))
  }
  return { data: targets.map((d) => publicDelivery(addDelivery(tenant, d, event, { resend: true }))) }
}
