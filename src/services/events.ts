import { errors } from '../domain/errors.js'
import type { DeckEvent } from '../domain/types.js'
import { allEvents, getEvent, pruneEvents } from './event-log.js'
import { paginateInOrder } from '../domain/pagination.js'
import type { ListQuery } from './list.js'
import type { Tenant } from './tenant.js'

/** Deck keeps events 30 days; here on the tenant's clock, so advancing 31 days expires them. */
export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000

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

export function listEvents(tenant: Tenant, query: EventQuery) {
  expireEvents(tenant)
  const types = query.type?.length ? new Set(query.type) : undefined
  const after = query.created_after === undefined ? undefined : new Date(query.created_after).toISOString()
  const before = query.created_before === undefined ? undefined : new Date(query.created_before).toISOString()
  // Newest first in recording order: events of one instant keep the order they happened in.
  const newestFirst: DeckEvent[] = []
  const events = allEvents(tenant)
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!
    if ((!types || types.has(e.type)) && (after === undefined || e.created_at > after) && (before === undefined || e.created_at < before)) newestFirst.push(e)
  }
  return paginateInOrder(newestFirst, { limit: query.limit, cursor: query.cursor, filters: { type: query.type?.join(','), created_after: after, created_before: before } })
}

export function getPublicEvent(tenant: Tenant, id: string): DeckEvent {
  expireEvents(tenant)
  const event = getEvent(tenant, id)
  if (!event) throw errors.notFound('event', id)
  return event
}
