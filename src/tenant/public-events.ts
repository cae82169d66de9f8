import { errors } from '../domain/errors.js'
import type { DeckEvent } from '../domain/types.js'
import { expireEvents, getEvent, queryEvents, retentionCutoffMs } from './event-log.js'
import type { ListQuery } from './list.js'
import type { Tenant } from './tenant.js'

/** The retention cutoff as an ISO instant: events (and their deliveries) created before it are gone. */
export const retentionCutoff = (tenant: Tenant) => new Date(retentionCutoffMs(tenant)).toISOString()

export { expireEvents }

export interface EventQuery extends ListQuery {
  type?: string[] | undefined
  created_after?: string | undefined
  created_before?: string | undefined
}

/** Newest first in recording order: events of one instant keep the order they happened in. */
export function listEvents(tenant: Tenant, query: EventQuery) {
  expireEvents(tenant)
  return queryEvents(
    tenant,
    {
      ...(query.type?.length ? { type: query.type } : {}),
      created_after: query.created_after === undefined ? undefined : new Date(query.created_after).toISOString(),
      created_before: query.created_before === undefined ? undefined : new Date(query.created_before).toISOString(),
    },
    { limit: query.limit, cursor: query.cursor },
  )
}

export function getPublicEvent(tenant: Tenant, id: string): DeckEvent {
  expireEvents(tenant)
  const event = getEvent(tenant, id)
  if (!event) throw errors.notFound('event', id)
  return event
}
