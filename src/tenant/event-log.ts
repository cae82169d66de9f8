import { errors } from '../domain/errors.js'
import type { Page } from '../domain/pagination.js'
import type { DeckEvent } from '../domain/types.js'
import type { Tenant } from './tenant.js'

/**
 * The only way to read a tenant's events. With file storage events live in
 * an append-only log and are read back one by one (`tenant.events`), so no
 * other module touches `tenant.data.events` or `tenant.events` directly.
 * Prefer `getEvent`, `queryEvents`, `eventsAfter` and `lastEvent`: they cost
 * what they return. `allEvents` reads the whole history.
 */

/** Deck keeps events 30 days. */
export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000

export function getEvent(tenant: Tenant, id: string): DeckEvent | undefined {
  const at = tenant.events.position(id)
  return at < 0 ? undefined : tenant.events.at(at)
}

/** Every event, oldest first. O(history): with a big file log prefer the functions below. */
export function allEvents(tenant: Tenant): readonly DeckEvent[] {
  const out: DeckEvent[] = []
  for (let i = 0; i < tenant.events.size; i++) out.push(tenant.events.at(i))
  return out
}

/** Events after the one with id `afterId` (all when undefined or unknown), oldest first. */
export function eventsAfter(tenant: Tenant, afterId?: string, limit = Infinity): DeckEvent[] {
  const from = afterId ? tenant.events.position(afterId) + 1 : 0
  const out: DeckEvent[] = []
  for (let i = from; i < tenant.events.size && out.length < limit; i++) out.push(tenant.events.at(i))
  return out
}

export function lastEvent(tenant: Tenant): DeckEvent | undefined {
  const n = tenant.events.size
  return n ? tenant.events.at(n - 1) : undefined
}

export function eventCount(tenant: Tenant): number {
  return tenant.events.size
}

export function appendEvent(tenant: Tenant, event: DeckEvent): void {
  tenant.events.append(event)
  expireEvents(tenant)
}

/** Events created before this instant (ms) are gone: an event is kept for exactly 30 days, then expires. */
export const retentionCutoffMs = (tenant: Tenant): number => tenant.now() - EVENT_RETENTION_MS + 1

/**
 * Drops expired events; returns how many. Cheap when nothing expired (it compares the oldest
 * event's time with the cutoff, no search), so every append and every read of the log calls it.
 */
export function expireEvents(tenant: Tenant): number {
  if (tenant.events.size === 0) return 0
  const cutoff = retentionCutoffMs(tenant)
  if (tenant.events.createdAtMs(0) >= cutoff) return 0
  const drop = firstAtOrAfter(tenant, cutoff)
  tenant.events.dropBefore(drop)
  tenant.data.events_pruned_before = Math.max(cutoff, tenant.data.events_pruned_before ?? -Infinity)
  return drop
}

/** First position whose event was created at or after `ms` (events are in time order). */
function firstAtOrAfter(tenant: Tenant, ms: number): number {
  let lo = 0
  let hi = tenant.events.size
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (tenant.events.createdAtMs(mid) < ms) lo = mid + 1
    else hi = mid
  }
  return lo
}

export interface EventFilters {
  /** One type or any of several. */
  type?: string | string[] | undefined
  /** Exclusive bounds, ISO instants. */
  created_after?: string | undefined
  created_before?: string | undefined
}

interface EventCursor {
  /** Id of the last event returned, and the filters it was issued for. */
  e: string
  f: string
}

/**
 * A page of events, newest first. Time bounds are binary searches and the
 * type filter reads no event body, so a page costs ~limit reads whatever the
 * history size. The cursor is positional (events with the same instant keep
 * their log order).
 */
export function queryEvents(tenant: Tenant, filters: EventFilters, page: { limit: number; cursor?: string | undefined }): Page<DeckEvent> {
  const key = JSON.stringify([filters.type ?? null, filters.created_after ?? null, filters.created_before ?? null])
  const types = filters.type === undefined ? undefined : new Set(Array.isArray(filters.type) ? filters.type : [filters.type])
  const wanted = (i: number) => !types || types.has(tenant.events.typeAt(i))
  let end = filters.created_before ? firstAtOrAfter(tenant, Date.parse(filters.created_before)) : tenant.events.size
  const start = filters.created_after ? firstAtOrAfter(tenant, Date.parse(filters.created_after) + 1) : 0
  if (page.cursor) {
    const cursor = decode(page.cursor, key)
    const at = tenant.events.position(cursor.e)
    if (at < 0) throw errors.cursorInvalid()
    end = Math.min(end, at)
  }
  const data: DeckEvent[] = []
  let i = end - 1
  for (; i >= start && data.length < page.limit; i--) {
    if (wanted(i)) data.push(tenant.events.at(i))
  }
  let has_more = false
  for (; i >= start && !has_more; i--) has_more = wanted(i)
  const last = data[data.length - 1]
  return { data, has_more, next_cursor: has_more && last ? encode({ e: last.id, f: key }) : null }
}

const encode = (c: EventCursor) => Buffer.from(JSON.stringify(c)).toString('base64url')

function decode(cursor: string, key: string): EventCursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<EventCursor>
    if (typeof c.e === 'string' && c.f === key) return c as EventCursor
  } catch {
    // fall through
  }
  throw errors.cursorInvalid()
}
