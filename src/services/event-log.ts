import type { DeckEvent } from '../domain/types.js'
import type { Tenant } from './tenant.js'

/**
 * The only way to read a tenant's events. Storage of events is expected to
 * change (an append-only log for very large histories), so no other module
 * touches `tenant.data.events` directly.
 */
function index(tenant: Tenant): Map<string, DeckEvent> {
  let byId = tenant.runtime.get('event-index') as Map<string, DeckEvent> | undefined
  if (!byId || byId.size !== tenant.data.events.length) {
    byId = new Map(tenant.data.events.map((e) => [e.id, e]))
    tenant.runtime.set('event-index', byId)
  }
  return byId
}

export function getEvent(tenant: Tenant, id: string): DeckEvent | undefined {
  return index(tenant).get(id)
}

/** Events oldest first. */
export function allEvents(tenant: Tenant): readonly DeckEvent[] {
  return tenant.data.events
}

export function appendEvent(tenant: Tenant, event: DeckEvent): void {
  tenant.data.events.push(event)
  index(tenant).set(event.id, event)
}

/** Drops events created before `beforeIso` (retention). Returns how many were dropped. */
export function pruneEvents(tenant: Tenant, beforeIso: string): number {
  const events = tenant.data.events
  let drop = 0
  while (drop < events.length && events[drop]!.created_at < beforeIso) drop++
  if (drop > 0) {
    events.splice(0, drop)
    tenant.runtime.delete('event-index')
  }
  return drop
}
