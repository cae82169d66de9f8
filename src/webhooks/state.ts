import type { DeliveryRecord, DestinationRecord } from '../domain/webhooks.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * The tenant's destinations and delivery outbox. Databases written before
 * webhooks existed lack these fields, so they are created on first use.
 */
export function destinationsOf(tenant: Tenant): Record<string, DestinationRecord> {
  return (tenant.data.destinations ??= {})
}

export function deliveriesOf(tenant: Tenant): Record<string, DeliveryRecord> {
  return (tenant.data.deliveries ??= {})
}

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
