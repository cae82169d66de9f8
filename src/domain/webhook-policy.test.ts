import { describe, expect, it } from 'vitest'
import type { DeckError } from './errors.js'
import { checkCustomHeaders, checkEvents, checkSecret, DEFAULT_RETRY_SCHEDULE, liveSecrets, outcomeOf, retryDelay, typeMatches } from './webhook-policy.js'

const fieldOf = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return (error as DeckError).details[0]?.field
  }
  return 'no error'
}

describe('webhook delivery policy', () => {
  it('2xx succeeds, 410 is gone, redirects and everything else fail', () => {
    expect([200, 201, 204, 299].map(outcomeOf)).toEqual(['success', 'success', 'success', 'success'])
    expect(outcomeOf(410)).toBe('gone')
    expect([301, 302, 308, 400, 404, 429, 500, 503, null].map(outcomeOf).every((o) => o === 'failed')).toBe(true)
  })

  it('retries 10 s, 60 s, 5 min after the 1st, 2nd, 3rd failure, then stops', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, DEFAULT_RETRY_SCHEDULE))).toEqual([10_000, 60_000, 300_000, undefined])
  })

  it('signs with the current secret and rotated ones until they expire', () => {
    const secrets = [
      { secret: 'new', expires_at: null },
      { secret: 'old', expires_at: 1000 },
    ]
    expect(liveSecrets(secrets, 999)).toEqual(['new', 'old'])
    expect(liveSecrets(secrets, 1000)).toEqual(['new'])
  })

  it('validates events: not empty, * alone, known types only', () => {
    expect(checkEvents(['*'])).toEqual(['*'])
    expect(checkEvents(['connection.connected', 'connection.connected'])).toEqual(['connection.connected'])
    expect(fieldOf(() => checkEvents([]))).toBe('events')
    expect(fieldOf(() => checkEvents(['*', 'connection.connected']))).toBe('events')
    expect(fieldOf(() => checkEvents(['connection.connected', 'connection.conected']))).toBe('events.1')
  })

  it('validates secrets: whsec_ + base64 of 24–64 bytes', () => {
    expect(checkSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBeTruthy()
    for (const bad of ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'whsec_short', 'whsec_!!!!', `whsec_${Buffer.alloc(65).toString('base64')}`]) {
      expect(fieldOf(() => checkSecret(bad))).toBe('webhook.secret')
    }
  })

  it('custom headers: JSON string or object; reserved names and bad values rejected', () => {
    expect(checkCustomHeaders('{"X-Team":"a"}')).toBe('{"X-Team":"a"}')
    expect(checkCustomHeaders({ 'x-team': 'a' })).toBe('{"x-team":"a"}')
    expect(checkCustomHeaders(null)).toBeNull()
    expect(checkCustomHeaders('{}')).toBeNull()
    for (const bad of [
      'not json',
      '[1]',
      { 'Webhook-Signature': 'x' },
      { 'Content-Type': 'text/plain' },
      { Host: 'h' },
      { 'content-length': '1' },
      { 'x-a': 1 },
      { 'bad name': 'x' },
      { 'x-a': 'a\r\nb: c' },
    ]) {
      expect(fieldOf(() => checkCustomHeaders(bad))).toBe('webhook.custom_headers')
    }
  })

  it('fault patterns: exact, prefix.*, *', () => {
    expect(typeMatches('connection.connected', 'connection.connected')).toBe(true)
    expect(typeMatches('connection.*', 'connection.invalid')).toBe(true)
    expect(typeMatches('connection.*', 'source.created')).toBe(false)
    expect(typeMatches('*', 'source.created')).toBe(true)
  })
})
