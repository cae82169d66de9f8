import { describe, expect, it } from 'vitest'
import type { Connection } from '../domain/types.js'
import { createLogger } from './logger.js'

const connection = (over: Partial<Connection> = {}): Connection => ({
  id: 'conn_abc',
  object: 'connection',
  status: 'interaction_required',
  source_id: 'src_x',
  auth_method: 'username_password',
  auth_credentials: { username: 'user@example.com' },
  external_id: 'user_1',
  interaction: { type: 'mfa', message: 'Enter the code', fields: [{ name: 'code', type: 'string', label: 'Code' }] },
  errors: [],
  last_connected_at: null,
  created_at: '2026-01-01T12:00:00.000Z',
  updated_at: '2026-01-01T12:00:01.000Z',
  ...over,
})

describe('logger', () => {
  it('writes one readable line per transition, with the reason in brackets', () => {
    const lines: string[] = []
    const log = createLogger({ write: (l) => lines.push(l), defaultKey: 'sk_test_emulator' })
    log.transition('sk_test_emulator', connection(), 'connecting', '2026-01-01T12:00:01.000Z')
    log.transition(
      'sk_test_other_tenant_key',
      connection({ status: 'invalid', interaction: null, errors: [{ type: 'auth', code: 'auth_invalid', message: 'x' }] }),
      'connecting',
      '2026-01-01T12:00:02.000Z',
    )
    log.transition('sk_test_emulator', connection({ status: 'connecting', interaction: null }), null, '2026-01-01T12:00:00.000Z')
    expect(lines).toEqual([
      '12:00:01 conn_abc user@example.com connecting → interaction_required (mfa)',
      '12:00:02 conn_abc user@example.com connecting → invalid (auth_invalid)  [sk_test_other_…]',
      '12:00:00 conn_abc user@example.com new → connecting',
    ])
  })

  it('writes JSON lines for machines and reports webhook attempts', () => {
    const lines: string[] = []
    const log = createLogger({ format: 'json', write: (l) => lines.push(l) })
    log.transition('sk_test_emulator', connection(), 'connecting', '2026-01-01T12:00:01.000Z')
    log.webhookAttempt({
      tenant: 'sk_test_emulator',
      at: '2026-01-01T12:00:03.000Z',
      delivery_id: 'edlv_1',
      event_id: 'evt_1',
      event_type: 'connection.connected',
      url: 'http://localhost:3000/hook',
      attempt: 1,
      status_code: 500,
      duration_ms: 12,
      outcome: 'retrying',
      next_at: '2026-01-01T12:00:13.000Z',
    })
    const [transition, attempt] = lines.map((l) => JSON.parse(l))
    expect(transition).toMatchObject({
      level: 'info',
      kind: 'transition',
      connection_id: 'conn_abc',
      user: 'user@example.com',
      from: 'connecting',
      to: 'interaction_required',
      detail: 'mfa',
    })
    expect(attempt).toMatchObject({ kind: 'webhook_attempt', delivery_id: 'edlv_1', status_code: 500, attempt: 1, outcome: 'retrying' })
  })

  it('pretty webhook lines; --quiet keeps errors only', () => {
    const lines: string[] = []
    const log = createLogger({ quiet: true, write: (l) => lines.push(l), defaultKey: 'sk_test_emulator' })
    const base = {
      tenant: 'sk_test_emulator',
      at: '2026-01-01T12:00:03.000Z',
      delivery_id: 'edlv_1',
      event_id: 'evt_1',
      event_type: 'connection.connected',
      url: 'http://h/x',
      attempt: 4,
      duration_ms: 5,
    }
    log.transition('sk_test_emulator', connection(), 'connecting', '2026-01-01T12:00:01.000Z')
    log.info('hello')
    log.webhookAttempt({ ...base, status_code: 200, outcome: 'delivered' })
    log.webhookAttempt({ ...base, status_code: null, error: 'connection refused', outcome: 'failed' })
    log.error('bad')
    expect(lines).toEqual(['12:00:03 edlv_1 connection.connected → http://h/x attempt 4: connection refused in 5ms, failed', 'bad'])
  })
})
