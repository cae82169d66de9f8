import { describe, expect, it } from 'vitest'
import { REDACTED, redactHeaders, redactJson, redactText } from './redact.js'

describe('redaction of what the proxy writes', () => {
  it('masks secret-named keys and secret-shaped values, keeps error codes', () => {
    const body = {
      auth_credentials: { username: 'alice', password: 'hunter2' },
      webhook: { url: 'https://x.example', secret: 'whsec_abc' },
      access_token: 'tok',
      note: 'sk_test_abcdef',
      header: 'Bearer xyz',
      errors: [{ type: 'request', code: 'input_invalid', message: 'm' }],
    }
    expect(redactJson(body)).toEqual({
      auth_credentials: { username: 'alice', password: REDACTED },
      webhook: { url: 'https://x.example', secret: REDACTED },
      access_token: REDACTED,
      note: REDACTED,
      header: REDACTED,
      errors: [{ type: 'request', code: 'input_invalid', message: 'm' }],
    })
  })

  it('masks every answer under inputs (MFA codes, security answers)', () => {
    expect(redactJson({ inputs: { code: '123456', answer: 'rex', account_id: 'acc_1' } })).toEqual({
      inputs: { code: REDACTED, answer: REDACTED, account_id: REDACTED },
    })
  })

  it('masks credentials in headers and text', () => {
    expect(redactHeaders({ Authorization: 'Bearer sk_test_x', 'content-type': 'application/json', cookie: 'a=b' })).toEqual({
      Authorization: REDACTED,
      'content-type': 'application/json',
      cookie: REDACTED,
    })
    expect(redactText('key sk_live_abcd1234 and Bearer abc, secret whsec_Zm9v')).toBe(`key ${REDACTED} and Bearer ${REDACTED} secret ${REDACTED}`)
  })
})
