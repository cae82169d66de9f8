import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { chunkedPieces, rawRequest } from './helpers/raw-http.js'

// Server mode: connection and body faults done for real on the socket, seen by bare TCP and node:http clients.
let emulator: Emulator
let port: number
let url: string
beforeAll(async () => {
  emulator = await createEmulator({ clock: 'manual' })
  const server = await emulator.listen(0, '127.0.0.1')
  port = server.port
  url = server.url
})
afterAll(() => emulator.close())

/** A fresh tenant with one fault on GET /v2/sources (added through the control plane over HTTP). */
async function faulted(fault: Record<string, unknown>) {
  const key = freshKey('chaos')
  const client = api((path, init) => fetch(`${url}${path}`, init), key)
  const added = await client.post('/_emulator/faults', { match: { method: 'GET', path: '/v2/sources' }, ...fault })
  expect(added.status).toBe(201)
  const journal = async () => (await client.get('/_emulator/requests?path=/v2/sources')).body.data as any[]
  return { key, client, journal }
}

/** node:http GET: the status and body, or the error the client got. */
function httpGet(path: string, key: string): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    let status: number | undefined // a break after the headers errors on the request and/or the response
    const req = request(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } }, (res) => {
      status = res.statusCode
      const chunks: Buffer[] = []
      res.on('data', (d) => chunks.push(d))
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ status, error: e.code ?? e.message }))
      res.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString() }))
    })
    req.on('error', (e: NodeJS.ErrnoException) => resolve(status === undefined ? { error: e.code ?? e.message } : { status, error: e.code ?? e.message }))
    req.end()
  })
}

describe('chaos faults on a real socket', () => {
  it('connection: reset destroys the socket before any byte (ECONNRESET)', async () => {
    const t = await faulted({ connection: 'reset' })
    const raw = await rawRequest(port, 'GET', '/v2/sources', t.key)
    expect(raw).toMatchObject({ text: '', error: 'ECONNRESET' })
    expect(await httpGet('/v2/sources', t.key)).toEqual({ error: 'ECONNRESET' })
    const [entry] = await t.journal()
    expect(entry).toMatchObject({ status: 200, faults: ['flt_1'], fault_effects: { connection: 'reset' } })
  })

  it('connection: empty closes the connection with no response at all', async () => {
    const t = await faulted({ connection: 'empty' })
    const raw = await rawRequest(port, 'GET', '/v2/sources', t.key)
    expect(raw.text).toBe('')
    expect(raw.ended).toBe(true)
    expect(raw.error).toBeUndefined()
    expect(await httpGet('/v2/sources', t.key)).toMatchObject({ error: 'ECONNRESET' }) // node:http: "socket hang up"
    expect((await t.journal())[0].fault_effects).toEqual({ connection: 'empty' })
  })

  it('connection: reset_mid sends the status, headers and part of the body, then breaks the connection', async () => {
    const t = await faulted({ connection: 'reset_mid' })
    const raw = await rawRequest(port, 'GET', '/v2/sources', t.key)
    const [head, body] = raw.text.split('\r\n\r\n') as [string, string]
    expect(head).toMatch(/^HTTP\/1.1 200 OK/)
    const length = Number(/content-length: (\d+)/i.exec(head)![1])
    expect(body.length).toBeGreaterThan(0)
    expect(body.length).toBeLessThan(length)
    expect(body).toBe('{"data":[],"has_more":false,"next_cursor"')
    // An RST, or (when it lands before the client has read the half) an early close: never the whole body.
    expect(raw.error === 'ECONNRESET' || raw.ended).toBe(true)
    const viaHttp = await httpGet('/v2/sources', t.key)
    expect(viaHttp.status).toBe(200)
    expect(viaHttp.error).toMatch(/ECONNRESET|aborted/)
  })

  it('a connection fault hits the answer: the request itself was processed (use respond as well for one that was not)', async () => {
    const t = await faulted({ connection: 'reset' })
    await t.client.post('/_emulator/faults', { match: { method: 'POST', path: '/v2/sources' }, connection: 'reset', times: 1 })
    const raw = await rawRequest(port, 'POST', '/v2/sources', t.key, { type: 'website', website: { url: 'https://a.example.com' } })
    expect(raw.error).toBe('ECONNRESET')
    await t.client.post('/_emulator/faults', { match: { method: 'POST', path: '/v2/sources' }, respond: { status: 503 }, connection: 'reset', times: 1 })
    expect((await rawRequest(port, 'POST', '/v2/sources', t.key, { type: 'website', website: { url: 'https://b.example.com' } })).error).toBe('ECONNRESET')
    await t.client.delete('/_emulator/faults')
    const sources = (await t.client.get('/v2/sources')).body.data as { website: { url: string } }[]
    expect(sources.map((s) => s.website.url)).toEqual(['https://a.example.com'])
    const posts = (await t.client.get('/_emulator/requests?method=POST')).body.data
    expect(posts.map((e: any) => [e.status, e.fault_effects])).toEqual([
      [201, { connection: 'reset' }],
      [503, { status: 503, connection: 'reset' }],
    ])
  })

  it('body: malformed answers 200 with JSON cut in half and a matching Content-Length', async () => {
    const t = await faulted({ body: 'malformed' })
    const res = await httpGet('/v2/sources', t.key)
    expect(res.status).toBe(200)
    expect(res.body).toBe('{"data":[],"has_more":false,"next_cursor"')
    expect(() => JSON.parse(res.body!)).toThrow(SyntaxError)
    const viaFetch = await fetch(`${url}/v2/sources`, { headers: { authorization: `Bearer ${t.key}` } })
    expect(viaFetch.status).toBe(200)
    expect(viaFetch.headers.get('content-type')).toMatch(/application\/json/)
    await expect(viaFetch.json()).rejects.toThrow(SyntaxError)
    expect((await t.journal())[0]).toMatchObject({ status: 200, fault_effects: { body: 'malformed' } })
  })

  it('body: trickle sends the body as separate chunks, in order, that add up to the real answer', async () => {
    const t = await faulted({ body: 'trickle', trickle: { duration: '40ms', chunks: 4 } })
    const raw = await rawRequest(port, 'GET', '/v2/sources', t.key)
    const { head, pieces } = chunkedPieces(raw.text)
    expect(head).toMatch(/^HTTP\/1.1 200 OK/)
    expect(head).toMatch(/transfer-encoding: chunked/i)
    expect(pieces).toHaveLength(4) // one HTTP chunk per write, whatever TCP merged
    const body = JSON.parse(pieces.join(''))
    expect(body).toMatchObject({ data: [], has_more: false, next_cursor: null })
    expect((await t.journal())[0].fault_effects).toEqual({ body: 'trickle', trickle: { duration_ms: 40, chunks: 4 } })
  })

  it('a retrying client gets through a reset, an empty reply and a malformed body, in that order', async () => {
    const t = await faulted({ connection: 'reset', times: 1 })
    await t.client.post('/_emulator/faults', { match: { path: '/v2/sources' }, connection: 'empty', times: 1 })
    await t.client.post('/_emulator/faults', { match: { path: '/v2/sources' }, body: 'malformed', times: 1 })
    const failures: string[] = []
    const getWithRetries = async () => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        try {
          const res = await fetch(`${url}/v2/sources`, { headers: { authorization: `Bearer ${t.key}` } })
          return { attempt, body: await res.json() }
        } catch (error) {
          failures.push(error instanceof SyntaxError ? 'SyntaxError' : `${(error as Error).message}: ${((error as Error).cause as { code?: string })?.code}`)
        }
      }
      throw new Error('gave up')
    }
    expect(await getWithRetries()).toMatchObject({ attempt: 4, body: { data: [] } })
    expect(failures).toEqual(['fetch failed: ECONNRESET', 'fetch failed: UND_ERR_SOCKET', 'SyntaxError'])
    expect((await t.journal()).map((e) => e.fault_effects ?? null)).toEqual([{ connection: 'reset' }, { connection: 'empty' }, { body: 'malformed' }, null])
  })

  it('unfaulted requests on the same server are untouched', async () => {
    const t = await faulted({ connection: 'reset' })
    const other = await httpGet('/v2/sources', freshKey('calm'))
    expect(other.status).toBe(200)
    expect(JSON.parse(other.body!)).toMatchObject({ data: [] })
    expect((await t.client.get('/v2/connections')).status).toBe(200)
  })
})
