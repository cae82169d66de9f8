import type { DeliveryRecord, DestinationRecord } from '../domain/webhooks.js'
import { lazyCollection } from '../tenant/collection.js'

/**
 * The tenant's destinations and delivery outbox, created on first write
 * (tenant/collection.ts): a tenant that never had a destination has neither
 * field, and reading them (every event looks for subscribers) writes nothing.
 */
const destinations = lazyCollection('destinations')
const deliveries = lazyCollection('deliveries')
/** For writes. */
export const destinationsOf = destinations.of
export const deliveriesOf = deliveries.of
/** For reads (never creates the collection). */
export const destinationsIn = destinations.read
export const deliveriesIn = deliveries.read

/** Public forms: secrets and the control-plane details stay inside. */
export function publicDestination(record: DestinationRecord) {
  const { secrets: _secrets, ...destination } = record
  return { ...destination, webhook: { ...destination.webhook } }
}

export function publicDelivery(record: DeliveryRecord) {
  return {
    id: record.id,
    object: record.object,
    status: record.status,
    event_id: record.event_id,
    event_type: record.event_type,
    event_destination_id: record.event_destination_id,
    attempts: record.attempts.map(({ at, status_code, duration_ms, error }) => ({ at, status_code, duration_ms, error })),
    created_at: record.created_at,
    delivered_at: record.delivered_at,
  }
}
