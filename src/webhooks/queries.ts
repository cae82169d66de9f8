import type { DeliveryStatus, EventDelivery } from '../domain/webhooks.js'
import { listPage, type ListQuery } from '../tenant/list.js'
import type { Tenant } from '../tenant/tenant.js'
import { getDestinationRecord } from './destinations.js'
import { deliveriesIn, publicDelivery } from './state.js'

export interface DeliveryQuery extends ListQuery {
  status?: DeliveryStatus | undefined
  type?: string | undefined
}

/** `GET /v2/event-destinations/{id}/event-deliveries`. */
export function listDeliveries(tenant: Tenant, destinationId: string, query: DeliveryQuery) {
  getDestinationRecord(tenant, destinationId)
  const page = listPage(
    Object.values(deliveriesIn(tenant)),
    query,
    { destination: destinationId, status: query.status, type: query.type },
    (d) => d.event_destination_id === destinationId && (!query.status || d.status === query.status) && (!query.type || d.event_type === query.type),
  )
  return { ...page, data: page.data.map(publicDelivery) }
}

/**
 * The oldest successful delivery of an event type, if any: what the control
 * plane's `wait?delivery=TYPE` polls for.
 */
export function findDelivered(tenant: Tenant, type: string): EventDelivery | undefined {
  let found: EventDelivery | undefined
  for (const d of Object.values(deliveriesIn(tenant))) {
    if (d.status !== 'success' || d.event_type !== type) continue
    if (!found || d.delivered_at! < found.delivered_at!) found = publicDelivery(d)
  }
  return found
}

export interface JournalQuery {
  event_type?: string | undefined
  destination_id?: string | undefined
}

/**
 * Every attempt, oldest first, with the request as sent (signatures yes,
 * secrets never), plus deliveries that never got an attempt (skipped, or
 * still waiting) so a test can see why an event did not arrive.
 */
export function deliveryJournal(tenant: Tenant, query: JournalQuery = {}) {
  const rows: (Record<string, unknown> & { at: string })[] = []
  for (const d of Object.values(deliveriesIn(tenant))) {
    if (query.event_type && d.event_type !== query.event_type) continue
    if (query.destination_id && d.event_destination_id !== query.destination_id) continue
    const common = {
      delivery_id: d.id,
      event_id: d.event_id,
      event_type: d.event_type,
      event_destination_id: d.event_destination_id,
      delivery_status: d.status,
      fault: d.fault,
      resend: d.resend,
    }
    d.attempts.forEach((a, i) => rows.push({ ...common, attempt: i + 1, ...a }))
    if (d.attempts.length === 0) {
      rows.push({
        ...common,
        attempt: 0,
        at: d.created_at,
        next_attempt_at: d.next_attempt_at === null ? null : new Date(d.next_attempt_at).toISOString(),
        skipped_reason: d.skipped_reason ?? null,
      })
    }
  }
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}
