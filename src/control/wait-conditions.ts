import { errors } from '../domain/errors.js'
import { isEventType } from '../domain/event-types.js'
import { CONNECTION_STATUSES, type Connection, type DeckEvent } from '../domain/types.js'
import { eventsAfter, lastEvent } from '../tenant/event-log.js'
import { getConnection } from '../connections/service.js'
import type { Tenant } from '../tenant/tenant.js'
import type { WaitCondition, WaitConditions } from '../tenant/wait-condition.js'
import { findConnection } from '../connections/state.js'

// Declared in the core, so the webhooks (and any resource) can add a condition without importing control/.
export type { WaitCondition, WaitConditions } from '../tenant/wait-condition.js'

const statusesOf = (query: Record<string, string>) => {
  if (!query.status) throw errors.inputMissing('status', 'Waiting for a connection needs `status` (one status, or several separated by commas).')
  const statuses = query.status.split(',').map((s) => s.trim())
  // A status no connection can have would only end in a 408 after the whole timeout.
  const unknown = statuses.find((s) => !(CONNECTION_STATUSES as readonly string[]).includes(s))
  if (unknown !== undefined) throw errors.inputInvalid(`\`status\` must be among ${CONNECTION_STATUSES.join(', ')}; got ${JSON.stringify(unknown)}.`, 'status')
  return statuses
}

/** A wait on an event type that is never emitted can only time out: refused at once (400). */
export function requireEventType(type: string, field: string): void {
  if (!isEventType(type)) throw errors.inputInvalid(`\`${field}\` must be an event type (see GET /v2/event-types); got ${JSON.stringify(type)}.`, field)
}

const connectionCondition: WaitCondition = {
  check(tenant, query) {
    const statuses = statusesOf(query)
    const connection = getConnection(tenant, query.connection!)
    return statuses.includes(connection.status) ? connection : undefined
  },
  describe(tenant, query) {
    const c = findConnection(tenant, query.connection!)
    return c ? `connection ${c.id} is ${describeConnection(c)}, not ${query.status}` : `connection ${query.connection} does not exist`
  },
}

export function describeConnection(c: Connection): string {
  const extra = c.interaction ? ` (interaction: ${c.interaction.type})` : c.errors[0] ? ` (error: ${c.errors[0].code})` : ''
  return `${c.status}${extra}`
}

/** Events about one object: the object's own id, or the connection it belongs to. */
export function concerns(event: DeckEvent, id: string): boolean {
  return event.data.id === id || event.data.connection_id === id
}

function matchingEvents(tenant: Tenant, query: Record<string, string>): DeckEvent[] {
  return eventsAfter(tenant, query.after || undefined).filter((e) => e.type === query.event && (!query.connection || concerns(e, query.connection)))
}

const eventCondition: WaitCondition = {
  check: (tenant, query) => (requireEventType(query.event!, 'event'), matchingEvents(tenant, query)[0]),
  describe(tenant, query) {
    const last = lastEvent(tenant)
    return `no ${query.event} event${query.connection ? ` for ${query.connection}` : ''} yet (latest event: ${last ? last.type : 'none'})`
  },
}

export function defaultWaitConditions(): WaitConditions {
  return { event: eventCondition, connection: connectionCondition }
}
