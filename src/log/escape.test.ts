import { describe, expect, it } from 'vitest'
import type { Connection } from '../domain/types.js'
import { escapeLogMessage, escapeLogValue } from './escape.js'
import { createLogger } from './logger.js'

const forged = 'bob\n12:00:00 conn_zzz alice connecting → connected'

describe('pretty log escaping', () => {
  it('spells out control characters, separators and bidi overrides', () => {
    expect(escapeLogValue('a\nb\r\tc\x1b[31md\u2028e\u202ef\x7f\x85')).toBe('a\\nb\\r\\tc\\x1b[31md\\u2028e\\u202ef\\x7f\\x85')
    expect(escapeLogValue('café 中 ok')).toBe('café 中 ok')
    expect(escapeLogMessage('first\nsecond\x1b')).toBe('first\n  second\\x1b')
  })

  it('prints a hostile username, URL and error on one line each', () => {
    const lines: string[] = []
    const log = createLogger({ write: (l) => lines.push(l), defaultKey: 'sk_test_emulator' })
    const connection = {
      id: 'conn_abc',
      object: 'connection',
      status: 'connecting',
      source_id: 'src_x',
      auth_method: 'username_password',
      auth_credentials: { username: forged },
      external_id: 'x\ny',
      interaction: null,
      errors: [],
      last_connected_at: null,
      created_at: '2026-01-01T12:00:00.000Z',
      updated_at: '2026-01-01T12:00:00.000Z',
    } as unknown as Connection
    log.transition('sk_test_emulator', connection, null, '2026-01-01T12:00:00.000Z')
    log.webhookAttempt({
      tenant: 'sk_test_emulator',
      at: '2026-01-01T12:00:00.000Z',
      delivery_id: 'dlv_1',
      event_id: 'evt_1',
      event_type: 'connection.connected',
      url: 'https://h.example.com/\r\n12:00:00 forged',
      attempt: 1,
      status_code: null,
      duration_ms: 1,
      error: 'boom\nforged',
    })
    log.info('hello\n12:00:00 forged')
    for (const line of lines) expect(line.split('\n').every((part, i) => i === 0 || part.startsWith('  '))).toBe(true)
    expect(lines[0]).toBe('12:00:00 conn_abc bob\\n12:00:00 conn_zzz alice connecting → connected new → connecting')
    expect(lines[1]).toContain('https://h.example.com/\\r\\n12:00:00 forged')
    expect(lines[1]).toContain('boom\\nforged')
  })
})
