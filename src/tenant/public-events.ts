import { errors } from '../domain/errors.js'
import type { DeckEvent } from '../domain/types.js'
import { EVENT_RETENTION_MS, getEvent, pruneEvents, queryEvents } from './event-log.js'
import type { ListQuery } from './list.js'
import type { Tenant } from './tenant.js'

/** Events created before this instant are gone: an event is kept for exactly 30 days, then expires. */
export const retentionCutoff = (tenant: Tenant) => new Date(tenant.now() - EVENT_RETENTION_MS + 1).toISOString()

/** Drops expired events. Cheap when nothing expired (the log is oldest first), so every read calls it. */
export function expireEvents(tenant: Tenant): number {
  return pruneEvents(tenant, retentionCutoff(tenant))
}

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
