import { errors, type ErrorDetail } from './errors.js'
import type { Connection, ConnectionStatus, Interaction } from './types.js'

/**
 * The connection state machine (contract §3). Every status change goes through
 * `transition()`, so natural transitions (driven by a source script) and
 * forced ones (control plane) produce the same object and the same events.
 */
export const CONNECTION_TRANSITIONS: Record<ConnectionStatus, readonly ConnectionStatus[]> = {
  connecting: ['connected', 'interaction_required', 'invalid', 'disconnected', 'terminated'],
  interaction_required: ['connecting', 'disconnected', 'terminated'],
  connected: ['disconnected', 'invalid', 'terminated'],
  disconnected: ['connecting', 'terminated'],
  invalid: ['terminated'],
  terminated: [],
}

export interface EventDraft {
  type: string
  data: Record<string, unknown>
}

export interface TransitionResult<T> {
  object: T
  events: EventDraft[]
}

export interface TransitionChanges {
  interaction?: Interaction | null
  errors?: ErrorDetail[]
}

export function canTransition(from: ConnectionStatus, to: ConnectionStatus): boolean {
  return CONNECTION_TRANSITIONS[from].includes(to)
}

function connectionEvent(connection: Connection): EventDraft {
  return { type: `connection.${connection.status}`, data: { ...connection } }
}

export function transitionConnection(
  connection: Connection,
  to: ConnectionStatus,
  nowIso: string,
  changes: TransitionChanges = {},
): TransitionResult<Connection> {
  if (!canTransition(connection.status, to)) {
    throw errors.invalidState('connection', connection.status, `move the connection to \`${to}\``)
  }
  const next: Connection = {
    ...connection,
    status: to,
    // An interaction only exists while one is pending.
    interaction: to === 'interaction_required' ? (changes.interaction ?? connection.interaction) : null,
    // Errors say why a login ended badly; a new attempt (connecting) starts clean
    // unless the caller passes some, and `connected` clears them.
    errors: changes.errors ?? (to === 'connecting' || to === 'connected' ? [] : connection.errors),
    last_connected_at: to === 'connected' ? nowIso : connection.last_connected_at,
    updated_at: nowIso,
  }
  if (to === 'terminated') next.auth_credentials = null
  return { object: next, events: [connectionEvent(next)] }
}

export function newConnection(
  fields: Omit<Connection, 'object' | 'status' | 'interaction' | 'errors' | 'last_connected_at' | 'updated_at'>,
): TransitionResult<Connection> {
  // Built field by field so the JSON keys come out in the documented order.
  const connection: Connection = {
    id: fields.id,
    object: 'connection',
    status: 'connecting',
    source_id: fields.source_id,
    auth_method: fields.auth_method,
    auth_credentials: fields.auth_credentials,
    external_id: fields.external_id,
    interaction: null,
    errors: [],
    last_connected_at: null,
    created_at: fields.created_at,
    updated_at: fields.created_at,
  }
  return { object: connection, events: [connectionEvent(connection)] }
}

/** The `errors[]` entries a connection carries after a bad login (emulator decision). */
export const connectionErrors = {
  authInvalid: (message = 'The source rejected the credentials.'): ErrorDetail => ({ type: 'auth', code: 'auth_invalid', message }),
  blocked: (message = 'The source blocked the login (anti-bot or account lock).'): ErrorDetail => ({ type: 'connection', code: 'blocked', message }),
  timeout: (message = 'The login timed out at the source.'): ErrorDetail => ({ type: 'connection', code: 'timeout', message }),
  interactionTimeout: (message = 'The interaction was not answered in time.'): ErrorDetail => ({ type: 'interaction', code: 'interaction_timeout', message }),
  sessionEnded: (message = 'The browser session ended.'): ErrorDetail => ({ type: 'connection', code: 'session_ended', message }),
}
