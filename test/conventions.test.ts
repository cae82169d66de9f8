import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { api, freshKey, setup } from './helpers/api.js'

describe('auth', () => {
  it.each([
    [undefined, /No API key/],
    ['Basic abc', /No API key/],
    ['Bearer nope', /Malformed/],
    ['Bearer sk_test_a', /Malformed/],
    ['Bearer sk_prod_abcdef', /Malformed/],
  ])('answers 401 api_key_invalid for %j', async (header, message) => {
    const { emulator } = await setup()
    const res = await emulator.fetch('/v2/connections', header ? { headers: { authorization: header } } : {})
    expect(res.status).toBe(401)
    const body = await res.json()
    expect(body.errors[0]).toMatchObject({ type: 'request', code: 'api_key_invalid' })
    expect(body.errors[0].message).toMatch(message)
    expect(body.request_id).toMatch(/^req_/)
    expect(res.headers.get('x-request-id')).toBe(body.request_id)
  })

  it('accepts only the listed keys when started with keys', async () => {
    const { emulator } = await setup({ keys: ['sk_test_allowed'] })
    expect((await api(emulator.fetch, 'sk_test_allowed').get('/v2/sources')).status).toBe(200)
    expect((await api(emulator.fetch, 'sk_test_other1').get('/v2/sources')).status).toBe(401)
  })
})

describe('tenants', () => {
  it('isolates keys: another key sees nothing and gets 404 for foreign ids', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_good')
    const other = api(t.emulator.fetch, freshKey('other'))
    expect((await other.get('/v2/connections')).body.data).toEqual([])
    expect((await other.get('/v2/sources')).body.data).toEqual([])
    const res = await other.get(`/v2/connections/${id}`)
    expect(res.status).toBe(404)
    expect(res.body.errors[0].code).toBe('connection_not_found')
    expect((await other.post(`/v2/connections/${id}/disconnect`)).status).toBe(404)
    expect(await t.status(id)).toBe('connected')
  })

  it('gives each tenant its own clock', async () => {
    const t = await setup()
    const other = freshKey('clock')
    await t.advance('1h')
    expect(Date.parse(t.emulator.clock.now(t.key)) - Date.parse(t.emulator.clock.now(other))).toBe(3_600_000)
  })
})

describe('request errors', () => {
  it('bad JSON → 400 input_invalid', async () => {
    const t = await setup()
    const res = await t.client.post('/v2/connections', '{"source_id": ')
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ type: 'request', code: 'input_invalid' })
    expect(res.body.errors[0].message).toMatch(/not valid JSON/)
  })

  it('wrong content type → 400 input_invalid', async () => {
    const t = await setup()
    const res = await t.client.post('/v2/sources', 'type=website', { 'content-type': 'application/x-www-form-urlencoded' })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(/Content-Type/)
  })

  it('a JSON body that is not an object → 400 input_invalid', async () => {
    const t = await setup()
    for (const body of ['[]', '"x"', '42', 'null']) {
      expect((await t.client.post('/v2/sources', body)).body.errors[0].code).toBe('input_invalid')
    }
  })

  it('oversized body → 413 payload_too_large', async () => {
    const t = await setup({ bodyLimit: 1024 })
    const res = await t.client.post('/v2/sources', { type: 'website', website: { url: 'https://a.example.com' }, name: 'x'.repeat(2000) })
    expect(res.status).toBe(413)
    expect(res.body.errors[0]).toMatchObject({ type: 'request', code: 'payload_too_large' })
  })

  it('unknown route → 404 route_not_found; wrong method → 405 method_not_allowed with Allow', async () => {
    const t = await setup()
    const missing = await t.client.get('/v2/widgets')
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0].code).toBe('route_not_found')
    const wrong = await t.client.call('PUT', '/v2/connections')
    expect(wrong.status).toBe(405)
    expect(wrong.body.errors[0].code).toBe('method_not_allowed')
    expect(wrong.headers.get('allow')).toBe('POST, GET')
  })

  it('unknown query parameters are ignored', async () => {
    const t = await setup()
    expect((await t.client.get('/v2/connections?colour=blue')).status).toBe(200)
  })

  it('never answers 500 to arbitrary JSON bodies on any route', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_mfa')
    const paths = ['/v2/sources', '/v2/connections', `/v2/connections/${id}/interaction`, `/v2/connections/${id}`, '/_emulator/clock/advance']
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, value) => {
        const method = path === `/v2/connections/${id}` ? 'PATCH' : 'POST'
        const res = await t.client.call(method, path, JSON.stringify(value))
        expect(res.status).toBeLessThan(500)
        expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/)
      }),
      { numRuns: 150 },
    )
  })
})

describe('idempotency', () => {
  const body = (src: string) => ({ source_id: src, auth_method: 'username_password', auth_credentials: { username: 'user_good', password: 'x' } })

  it('replays the stored response for the same key and parameters; nothing runs twice', async () => {
    const t = await setup()
    const src = await t.source()
    const first = await t.client.post('/v2/connections', body(src), { 'idempotency-key': 'k1' })
    const second = await t.client.post('/v2/connections', body(src), { 'idempotency-key': 'k1' })
    expect(second.status).toBe(201)
    expect(second.body).toEqual(first.body)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect((await t.client.get('/v2/connections')).body.data).toHaveLength(1)
  })

  it('answers 409 idempotency_error for the same key with other parameters', async () => {
    const t = await setup()
    const src = await t.source()
    await t.client.post('/v2/connections', body(src), { 'idempotency-key': 'k2' })
    const res = await t.client.post('/v2/connections', { ...body(src), external_id: 'other' }, { 'idempotency-key': 'k2' })
    expect(res.status).toBe(409)
    expect(res.body.errors[0]).toMatchObject({ type: 'idempotency', code: 'idempotency_error' })
  })

  it('answers 400 idempotency_key_error for a key over 256 characters', async () => {
    const t = await setup()
    const res = await t.client.post('/v2/connections', body(await t.source()), { 'idempotency-key': 'k'.repeat(257) })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ type: 'idempotency', code: 'idempotency_key_error' })
  })

  it('makes exactly one object for concurrent requests with one key', async () => {
    const t = await setup()
    const src = await t.source()
    const results = await Promise.all(Array.from({ length: 10 }, () => t.client.post('/v2/connections', body(src), { 'idempotency-key': 'k3' })))
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1)
    expect(results.every((r) => r.status === 201)).toBe(true)
    expect((await t.client.get('/v2/connections')).body.data).toHaveLength(1)
  })

  it('does not store failures, and expires keys after 24 h of emulator time', async () => {
    const t = await setup()
    const src = await t.source()
    const failed = await t.client.post('/v2/connections', { source_id: src }, { 'idempotency-key': 'k4' })
    expect(failed.status).toBe(400)
    expect((await t.client.post('/v2/connections', body(src), { 'idempotency-key': 'k4' })).status).toBe(201)
    await t.advance('24h')
    const again = await t.client.post('/v2/connections', body(src), { 'idempotency-key': 'k4' })
    expect(again.headers.get('idempotent-replayed')).toBeNull()
    expect((await t.client.get('/v2/connections')).body.data).toHaveLength(2)
  })
})

describe('rate limit', () => {
  it('is off by default', async () => {
    const t = await setup()
    for (let i = 0; i < 210; i++) expect((await t.client.get('/v2/sources')).status).toBe(200)
  })

  it('answers 429 rate_limit_exceeded with Retry-After past 200 requests / 10 s when on, per tenant', async () => {
    const t = await setup({ rateLimit: true })
    for (let i = 0; i < 200; i++) expect((await t.client.get('/v2/sources')).status).toBe(200)
    const limited = await t.client.get('/v2/sources')
    expect(limited.status).toBe(429)
    expect(limited.body.errors[0]).toMatchObject({ type: 'rate_limit', code: 'rate_limit_exceeded' })
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await api(t.emulator.fetch, freshKey('rl')).get('/v2/sources')).status).toBe(200)
    await t.advance('10s')
    expect((await t.client.get('/v2/sources')).status).toBe(200)
  })
})
