import fc from 'fast-check'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { Rng, seedRng } from '../domain/random.js'
import { generateSecret, sign, signatureHeader } from './sign.js'

describe('Standard Webhooks signing', () => {
  it('reproduces the spec golden vector byte for byte', () => {
    const signature = sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=')
  })

  it('generates whsec_ secrets of 24 bytes, reproducibly from the seed', () => {
    const a = generateSecret(new Rng(seedRng(1)))
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(24)
    expect(generateSecret(new Rng(seedRng(1)))).toBe(a)
    expect(generateSecret(new Rng(seedRng(2)))).not.toBe(a)
  })

  it('every generated payload verifies with the standardwebhooks library, and not under another secret', () => {
    const rng = new Rng(seedRng('property'))
    const other = new Webhook(generateSecret(new Rng(seedRng('other'))))
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'grapheme' }), (value, text) => {
        const secret = generateSecret(rng)
        const body = JSON.stringify({
          id: 'evt_x',
          object: 'event',
          type: 'connection.connected',
          data: { value, text },
          created_at: '2026-01-01T00:00:00.000Z',
        })
        const timestamp = Math.floor(Date.now() / 1000)
        const headers = { 'webhook-id': 'evt_x', 'webhook-timestamp': String(timestamp), 'webhook-signature': sign(secret, 'evt_x', timestamp, body) }
        expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body))
        expect(() => other.verify(body, headers)).toThrow()
      }),
      { numRuns: 300 },
    )
  })

  it('signs with every live secret, space-separated; each verifies on its own', () => {
    const [s1, s2] = [generateSecret(new Rng(seedRng('a'))), generateSecret(new Rng(seedRng('b')))]
    const ts = Math.floor(Date.now() / 1000)
    const header = signatureHeader([s1, s2], 'evt_1', ts, '{}')
    expect(header.split(' ')).toHaveLength(2)
    for (const secret of [s1, s2]) {
      expect(new Webhook(secret).verify('{}', { 'webhook-id': 'evt_1', 'webhook-timestamp': String(ts), 'webhook-signature': header })).toEqual({})
    }
  })
})
