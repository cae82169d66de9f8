import { canTransition, newConnection } from '../domain/connection.js'
import { assert, errors } from '../domain/errors.js'
import { assertAnswersEveryField, interactionFor } from '../domain/interaction.js'
import { magicMfaStep } from '../fixtures/magic-credentials.js'
import type { AuthMethod, Connection, ConnectionStatus, Interaction } from '../domain/types.js'
import { cursorFor, cursorPosition, paginateSorted, type Page } from '../domain/pagination.js'
import { ConnectionIndex } from './indexes.js'
import { announceMove, moveConnection } from './moves.js'
import { listPage, type ListQuery } from '../tenant/list.js'
import { assertLoginPossible, beginLogin, pendingStep, scheduleAnswer } from './login-runner.js'
import { getSource } from '../sources/service.js'
import type { Tenant } from '../tenant/tenant.js'
import { findConnection, connectionsOf, connectionsIn, findLogin } from './state.js'

export interface CreateConnectionInput {
  source_id: string
  auth_method: AuthMethod
  auth_credentials?: { username?: string | undefined; email?: string | undefined; password?: string | undefined } | null | undefined
  external_id?: string | null | undefined
}

export interface ConnectionFilters {
  source_id?: string | undefined
  status?: ConnectionStatus | undefined
  external_id?: string | undefined
}

export function getConnection(tenant: Tenant, id: string): Connection {
  const connection = findConnection(tenant, id)
  if (!connection) throw errors.notFound('connection', id)
  return connection
}

/** Checks the credentials each auth method needs; returns the public part and the password. */
function credentialsFor(input: CreateConnectionInput): { public: Connection['auth_credentials']; password: string | null } {
  const creds = input.auth_credentials ?? undefined
  if (input.auth_method === 'none') return { public: null, password: null }
  const nameField = input.auth_method === 'google_sso' ? 'email' : 'username'
  assert(creds, () => errors.inputMissing('auth_credentials', `\`auth_credentials\` is required for auth_method \`${input.auth_method}\`.`))
  const name = creds[nameField]
  assert(name, () => errors.inputMissing(`auth_credentials.${nameField}`))
  assert(creds.password, () => errors.inputMissing('auth_credentials.password'))
  return { public: nameField === 'email' ? { email: name } : { username: name }, password: creds.password }
}

export function createConnection(tenant: Tenant, input: CreateConnectionInput): Connection {
  getSource(tenant, input.source_id)
  const creds = credentialsFor(input)
  assertLoginPossible(tenant, input.source_id)
  const { object, events } = newConnection({
    id: tenant.id('connection'),
    source_id: input.source_id,
    auth_method: input.auth_method,
    auth_credentials: creds.public,
    external_id: input.external_id ?? null,
    created_at: tenant.nowIso(),
  })
  connectionsOf(tenant)[object.id] = object
  tenant.emit(events)
  announceMove(tenant, object, null)
  beginLogin(tenant, object, creds.password, { reuseCredentials: false })
  return object
}

/**
 * Through the connection index: a selective filter (external_id, a rare
 * status) touches only its matches; otherwise the creation-order index is
 * walked from the cursor, reading only the page. Never a scan + sort of all.
 */
export function listConnections(tenant: Tenant, query: ListQuery, filters: ConnectionFilters): Page<Connection> {
  const index = ConnectionIndex.of(tenant)
  const all = connectionsIn(tenant) // read-only here: plain objects serialise without the tracking traps
  const match = (c: Connection | undefined): c is Connection =>
    !!c &&
    (filters.source_id === undefined || c.source_id === filters.source_id) &&
    (filters.status === undefined || c.status === filters.status) &&
    (filters.external_id === undefined || c.external_id === filters.external_id)
  const candidates = index.candidates(filters)
  if (candidates && candidates.size * 8 < index.order.length) {
    const few: Connection[] = []
    for (const id of candidates) {
      const c = all[id]
      if (match(c)) few.push(c)
    }
    return listPage(few, query, { ...filters }, () => true)
  }
  const from = query.cursor ? index.olderThan(cursorFor(cursorPosition(query.cursor, { ...filters }), 'conn_')) : index.order.length
  function* newestFirst() {
    for (let i = from - 1; i >= 0; i--) {
      const c = all[index.order[i]!.id]
      if (match(c)) yield c
    }
  }
  return paginateSorted(newestFirst(), { limit: query.limit, filters: { ...filters } })
}

export function updateConnection(tenant: Tenant, id: string, input: { external_id?: string | null | undefined }): Connection {
  const connection = getConnection(tenant, id)
  if (input.external_id === undefined) return connection
  const next: Connection = { ...connection, external_id: input.external_id, updated_at: tenant.nowIso() }
  connectionsOf(tenant)[id] = next
  return next
}

export function submitConnectionInteraction(tenant: Tenant, id: string, inputs: Record<string, unknown>): Connection {
  const connection = getConnection(tenant, id)
  assert(connection.status === 'interaction_required' && connection.interaction, () => errors.interactionNotRequired('connection', connection.status))
  assertAnswersEveryField(connection.interaction, inputs)
  const next = moveConnection(tenant, connection, 'connecting')
  scheduleAnswer(tenant, next, inputs)
  return next
}

export function reopenConnection(tenant: Tenant, id: string): Connection {
  const connection = getConnection(tenant, id)
  assert(connection.status === 'disconnected', () =>
    errors.invalidState('connection', connection.status, 'reopen (only a `disconnected` connection can be reopened)'),
  )
  assertLoginPossible(tenant, connection.source_id)
  const next = moveConnection(tenant, connection, 'connecting')
  beginLogin(tenant, next, null, { reuseCredentials: true })
  return next
}

export function disconnectConnection(tenant: Tenant, id: string): Connection {
  const connection = getConnection(tenant, id)
  assert(connection.status !== 'terminated', () => errors.invalidState('connection', connection.status, 'disconnect (it is already terminated)'))
  return moveConnection(tenant, connection, 'terminated')
}

/**
 * Control plane: force a status, with the same events and timers as a
 * natural transition. Forcing `connecting` restarts the login script;
 * forcing `interaction_required` uses the given interaction or an MFA prompt.
 */
export function forceConnectionStatus(tenant: Tenant, id: string, to: ConnectionStatus, interaction?: Interaction): Connection {
  const connection = getConnection(tenant, id)
  assert(canTransition(connection.status, to), () => errors.invalidState('connection', connection.status, `move the connection to \`${to}\``))
  if (to === 'interaction_required') {
    const login = findLogin(tenant, id)
    const pending = pendingStep(tenant, id)
    const prompt = interaction ?? (pending ? interactionFor(pending, false) : undefined)
    if (!prompt && login) {
      // No scripted interaction here: insert an MFA step the test can answer with the magic code (a copy: records share nothing).
      login.steps.splice(login.index, 0, { ...magicMfaStep() })
    }
    return moveConnection(tenant, connection, to, { interaction: prompt ?? interactionFor(magicMfaStep(), false) })
  }
  const next = moveConnection(tenant, connection, to)
  if (to === 'connecting') beginLogin(tenant, next, null, { reuseCredentials: true })
  return next
}
