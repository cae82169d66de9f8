import { secretRefs } from '../tenant/secret-refs.js'
import { transitionConnection, type TransitionChanges } from '../domain/connection.js'
import type { Connection, ConnectionStatus } from '../domain/types.js'
import type { Tenant } from '../tenant/tenant.js'
import { connectionsOf, findLogin, loginsOf } from './state.js'
import { sourceScript } from '../sources/state.js'

export const CONNECTION_TIMERS = {
  step: 'login.step',
  answer: 'login.answer',
  interactionTimeout: 'connection.interaction_timeout',
  idle: 'connection.idle',
  drop: 'connection.drop',
  invalidate: 'connection.invalidate',
} as const

/**
 * The one way a connection changes status: the pure transition, then the
 * timers the new status needs (the old status's timers no longer apply),
 * then the event. Natural and forced transitions both come through here.
 */
export function moveConnection(tenant: Tenant, connection: Connection, to: ConnectionStatus, changes: TransitionChanges = {}): Connection {
  const { object, events } = transitionConnection(connection, to, tenant.nowIso(), changes)
  connectionsOf(tenant)[object.id] = object
  tenant.timers.cancel(object.id)
  enterStatus(tenant, object)
  tenant.emit(events)
  announceMove(tenant, object, connection.status)
  return object
}

/** Tells the observers (logs, dashboard) that a connection changed status; `from` is null for a new one. */
export function announceMove(tenant: Tenant, connection: Connection, from: ConnectionStatus | null): void {
  for (const hook of tenant.hooks.onConnectionMoved ?? []) hook(tenant, connection, from)
}

function enterStatus(tenant: Tenant, connection: Connection): void {
  const script = sourceScript(tenant, connection.source_id)
  const login = findLogin(tenant, connection.id)
  const now = tenant.now()
  switch (connection.status) {
    case 'connected': {
      tenant.schedule(CONNECTION_TIMERS.idle, connection.id, now + script.idle_timeout)
      const session = login?.session ?? {}
      if (session.drop_after !== undefined) tenant.schedule(CONNECTION_TIMERS.drop, connection.id, now + session.drop_after)
      if (session.invalidate_after !== undefined) tenant.schedule(CONNECTION_TIMERS.invalidate, connection.id, now + session.invalidate_after)
      break
    }
    case 'interaction_required':
      tenant.schedule(CONNECTION_TIMERS.interactionTimeout, connection.id, now + script.interaction_timeout)
      break
    case 'terminated':
      // Deck deletes the credentials from its vault: nothing of them stays.
      delete loginsOf(tenant)[connection.id]
      tenant.secrets.delete(secretRefs.connectionPassword(connection.id))
      break
  }
}

/** A task run is activity: the idle timeout starts again. */
export function touchConnection(tenant: Tenant, connection: Connection): void {
  if (connection.status !== 'connected') return
  tenant.timers.cancel(connection.id, [CONNECTION_TIMERS.idle])
  tenant.schedule(CONNECTION_TIMERS.idle, connection.id, tenant.now() + sourceScript(tenant, connection.source_id).idle_timeout)
}
