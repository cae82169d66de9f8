import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { freshKey, setup } from './helpers/api.js'

/** A raw HTTP/1.1 exchange (Node's fetch refuses to send most of these). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ connect }) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(text))
      let out = ''
      socket.on('data', (d) => (out += d.toString('latin1')))
      socket.on('close', () => resolve(out))
      socket.on('error', reject)
    }, reject)
  })
}

const envelopeOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as { errors: { code: string }[]; request_id: string }

describe('bounded inputs', () => {
  it('refuses a scenario upload over the cap with 413, declared or chunked', async () => {
    const t = await setup()
    const big = `name: big\n# ${'x'.repeat(5 * 1024 * 1024)}\n`
    const res = await t.client.put('/_emulator/scenario', big, { 'content-type': 'application/yaml' })
    expect(res.status).toBe(413)
    expect(res.body.errors[0].code).toBe('payload_too_large')
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 6; i++) c.enqueue(new TextEncoder().encode(`${'#'.repeat(1024 * 1024)}\n`))
        c.close()
      },
    })
    const chunked = await t.emulator.fetch('/_emulator/scenario', {
      method: 'PUT',
      body: stream,
      duplex: 'half',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/yaml' },
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect((await t.client.put('/_emulator/scenario', 'name: small\n', { 'content-type': 'application/yaml' })).status).toBe(200)
  })

  it('refuses custom webhook header values no HTTP client can send, at create and patch', async () => {
    const t = await setup()
    const body = (headers: unknown) => ({ name: 'w', events: ['*'], type: 'webhook', webhook: { url: 'https://h.example.com', custom_headers: headers } })
    for (const bad of [{ 'X-Team': 'café 中' }, { 'X-Team': 'café' }, { 'X-Team': 'a\u0001b' }]) {
      const res = await t.client.post('/v2/event-destinations', body(bad))
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'webhook.custom_headers' })
    }
    const ok = await t.client.post('/v2/event-destinations', body({ 'X-Team': 'payments team\tA' }))
    expect(ok.status).toBe(201)
    const patched = await t.client.patch(`/v2/event-destinations/${ok.body.id}`, { webhook: { custom_headers: { 'X-Team': '中' } } })
    expect(patched.status).toBe(400)
    expect(patched.body.errors[0].field).toBe('webhook.custom_headers')
  })

  it('takes `limit` as decimal digits only and a cursor exactly as given', async () => {
    const t = await setup()
    const src = await t.source('a')
    await t.source('b')
    for (const limit of ['0x10', '1e1', ' 5', '5.0', '+5', '']) {
      const res = await t.client.get(`/v2/sources?limit=${encodeURIComponent(limit)}`)
      expect(res.status, limit).toBe(400)
      expect(res.body.errors[0].field).toBe('limit')
    }
    expect((await t.client.get('/_emulator/requests?limit=0x10')).status).toBe(400)
    expect((await t.client.get('/v2/sources?limit=100')).status).toBe(200)
    const cursor = (await t.client.get('/v2/sources?limit=1')).body.next_cursor as string
    expect((await t.client.get(`/v2/sources?limit=1&cursor=${cursor}`)).body.data).toHaveLength(1)
    for (const junk of [`${cursor}!!`, `${cursor}==`, `${cursor}.x`, `${cursor}A`]) {
      const res = await t.client.get(`/v2/sources?limit=1&cursor=${encodeURIComponent(junk)}`)
      expect(res.status, junk).toBe(400)
    }
    expect(src).toBeTruthy()
  })

  it('refuses /_emulator/wait at once when no condition could ever hold', async () => {
    const t = await setup()
    for (const query of ['event=', 'event=no.such.type', 'connection=', 'connection=conn_x&status=happy', 'delivery=nope', 'delivery=']) {
      const res = await t.client.get(`/_emulator/wait?${query}&timeout=60s`)
      expect(res.status, query).toBe(400)
      expect(['input_invalid', 'input_missing']).toContain(res.body.errors[0].code)
    }
  })

  it('answers TRACE, CONNECT, unknown methods, bad request lines and oversized headers with the envelope', async () => {
    const emulator = await createEmulator({ clock: 'manual' })
    const server = await emulator.listen(0)
    try {
      const key = freshKey()
      for (const [method, status] of [
        ['TRACE', 405],
        ['TRACK', 400],
        ['FOO', 400],
        ['PROPFIND', 405],
      ] as const) {
        const answer = await raw(server.port, `${method} /v2/sources HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nConnection: close\r\n\r\n`)
        expect(answer.split('\r\n')[0], method).toContain(String(status))
        expect(envelopeOf(answer).errors[0]!.code).toBeTypeOf('string')
        expect(envelopeOf(answer).request_id).toMatch(/^req_/)
      }
      const connect = await raw(server.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')
      expect(connect.split('\r\n')[0]).toContain('405')
      expect(envelopeOf(connect).errors[0]!.code).toBe('method_not_allowed')
      const garbage = await raw(server.port, 'GARBAGE\r\n\r\n')
      expect(garbage.split('\r\n')[0]).toContain('400')
      expect(envelopeOf(garbage).errors[0]!.code).toBe('request_malformed')
      const huge = await raw(server.port, `GET /v2/sources HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
      expect(huge.split('\r\n')[0]).toContain('431')
      expect(envelopeOf(huge).errors[0]!.code).toBe('headers_too_large')
    } finally {
      await server.close()
      await emulator.close()
    }
  })
})
