import { describe, expect, it } from 'vitest'
import { CONNECTION_TRANSITIONS, newConnection, transitionConnection } from './connection.js'
import { DeckError } from './errors.js'
import { CONNECTION_STATUSES, type Connection, type ConnectionStatus } from './types.js'

const T0 = '2026-01-15T09:30:00.000Z'
const T1 = '2026-01-15T09:31:00.000Z'

function inStatus(status: ConnectionStatus): Connection {
  const { object } = newConnection({
    id: 'conn_test',
    source_id: 'src_test',
    auth_method: 'username_password',
    auth_credentials: { username: 'user_good' },
    external_id: 'ext',
    created_at: T0,
  })
  return { ...object, status }
}

// The contract's table, written out independently of the implementation's map.
const ALLOWED: [ConnectionStatus, ConnectionStatus][] = [
  ['connecting', 'connected'],
  ['connecting', 'interaction_required'],
  ['connecting', 'invalid'],
  ['connecting', 'disconnected'],
  ['connecting', 'terminated'],
  ['interaction_required', 'connecting'],
  ['interaction_required', 'disconnected'],
  ['interaction_required', 'terminated'],
  ['connected', 'disconnected'],
  ['connected', 'invalid'],
  ['connected', 'terminated'],
  ['disconnected', 'connecting'],
  ['disconnected', 'terminated'],
  ['invalid', 'terminated'],
]
const allowed = new Set(ALLOWED.map(([a, b]) => `${a}->${b}`))
const ALL_PAIRS = CONNECTION_STATUSES.flatMap((from) => CONNECTION_STATUSES.map((to) => [from, to] as const))

describe('connection state machine', () => {
  it('matches the contract table exactly', () => {
    const implemented = Object.entries(CONNECTION_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}->${to}`))
    expect(new Set(implemented)).toEqual(allowed)
  })

  it.each(ALL_PAIRS.filter(([a, b]) => allowed.has(`${a}->${b}`)))('allows %s → %s and emits connection.%s', (from, to) => {
    const { object, events } = transitionConnection(inStatus(from), to, T1)
    expect(object.status).toBe(to)
    expect(object.updated_at).toBe(T1)
    expect(events).toEqual([{ type: `connection.${to}`, data: object }])
  })

  it.each(ALL_PAIRS.filter(([a, b]) => !allowed.has(`${a}->${b}`)))('refuses %s → %s with 409 invalid_state', (from, to) => {
    try {
      transitionConnection(inStatus(from), to, T1)
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(DeckError)
      expect((error as DeckError).status).toBe(409)
      expect((error as DeckError).code).toBe('invalid_state')
      expect((error as DeckError).message).toContain(from)
    }
  })

  it('wipes credentials on terminate and clears the interaction', () => {
    const pending = { ...inStatus('interaction_required'), interaction: { type: 'mfa' as const, message: 'm', fields: [] } }
    const { object } = transitionConnection(pending, 'terminated', T1)
    expect(object.auth_credentials).toBeNull()
    expect(object.interaction).toBeNull()
  })

  it('stamps last_connected_at on connect and clears errors', () => {
    const { object } = transitionConnection({ ...inStatus('connecting'), errors: [{ type: 'x', code: 'y', message: 'z' }] }, 'connected', T1)
    expect(object.last_connected_at).toBe(T1)
    expect(object.errors).toEqual([])
  })

  it('creates connections in connecting with a connection.connecting event', () => {
    const { object, events } = newConnection({ id: 'conn_1', source_id: 's', auth_method: 'none', auth_credentials: null, external_id: null, created_at: T0 })
    expect(object.status).toBe('connecting')
    expect(events.map((e) => e.type)).toEqual(['connection.connecting'])
  })
})
