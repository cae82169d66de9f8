import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProxy, type RunningProxy } from '../src/proxy/proxy.js'
import { freePort } from './helpers/processes.js'

const KEY = 'sk_test_drift_caller_key'
const SECRET = 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LWJ5dGVz'
const stamp = '2026-01-01T00:00:00.000Z'
const source = (extra: Record<string, unknown> = {}) => ({
  id: 'src_aaaaaaaaaaaaaaaa',
  object: 'source',
  name: 'Acme',
  type: 'website',
  website: { url: 'https://bank.example.com' },
  created_at: stamp,
  updated_at: stamp,
  ...extra,
})
const connection = {
  id: 'conn_aaaaaaaaaaaaaaaa',
  object: 'connection',
  status: 'connected',
  source_id: 'src_aaaaaaaaaaaaaaaa',
  auth_method: 'username_password',
  auth_credentials: { username: 'alice' },
  external_id: null,
  interaction: null,
  errors: [],
  last_connected_at: stamp,
  created_at: stamp,
  updated_at: stamp,
}
const ODD_BYTES =
  '{"id":  "src_aaaaaaaaaaaaaaaa" ,"object":"source","name":"Acme","type":"website","website":{"url":"https://bank.example.com"},"created_at":"2026-01-01T00:00:00.000Z","updated_at":"2026-01-01T00:00:00.000Z","request_id":"req_1"}'

/**
 * A fake upstream that has drifted from the contract: it renames a source's
 * `name` to `title`, invents a connection status, drops `request_id`, answers
 * 418 where nothing says so, sends a non-JSON body and serves a route the
 * emulator does not know. It remembers what it was sent.
 */
function driftingUpstream() {
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = []
  const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body })
    const json = (status: number, value: unknown, headers: Record<string, string> = { 'x-request-id': 'req_1' }) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value))
    const path = req.url!.split('?')[0]!
    if (req.method === 'POST' && path === '/v2/sources') {
      const { name, ...rest } = source()
      return json(201, { ...rest, title: name, request_id: 'req_1' })
    }
    if (path === '/v2/sources/src_aaaaaaaaaaaaaaaa') {
      return res
        .writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1', 'x-upstream': 'yes', 'set-cookie': ['a=1', 'b=2'] })
        .end(ODD_BYTES)
    }
    if (path === '/v2/connections/conn_aaaaaaaaaaaaaaaa') return json(200, { ...connection, status: 'paused' }, {}) // no request_id, no header
    if (path === '/v2/connections')
      return json(200, {
        data: [
          { ...connection, status: 'paused' },
          { ...connection, status: 'paused' },
        ],
        has_more: false,
        next_cursor: null,
        request_id: 'req_1',
      })
    if (path === '/v2/task-runs') return json(418, { errors: [{ type: 'request', code: 'teapot', message: 'no' }], request_id: 'req_1' })
    if (path === '/v2/agents/agt_aaaaaaaaaaaaaaaa') return res.writeHead(200, { 'content-type': 'text/plain', 'x-request-id': 'req_1' }).end('oops')
    if (req.method === 'POST' && path === '/v2/event-destinations') {
      return json(201, {
        id: 'evtd_aaaaaaaaaaaaaaaa',
        object: 'event_destination',
        name: 'n',
        type: 'webhook',
        status: 'active',
        events: ['*'],
        webhook: { url: 'https://h.example', secret: SECRET, custom_headers: null },
        created_at: stamp,
        updated_at: stamp,
        signing_key: 'sk_live_leakyleaky',
        request_id: 'req_1',
      })
    }
    if (path.startsWith('/v2/brand-new/')) return json(200, { ok: true, request_id: 'req_1' })
    return json(404, { errors: [{ type: 'request', code: 'route_not_found', message: 'no' }], request_id: 'req_1' })
  })
  return { server, seen }
}

describe('deck-emulator proxy in front of an upstream that drifted', () => {
  let upstream: ReturnType<typeof driftingUpstream>
  let proxy: RunningProxy
  const call = (path: string, init: RequestInit = {}) =>
    fetch(proxy.url + path, {
      ...init,
      headers: { authorization: `Bearer ${KEY}`, ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) },
    })

  beforeAll(async () => {
    upstream = driftingUpstream()
    await new Promise<void>((resolve) => upstream.server.listen(0, '127.0.0.1', resolve))
    proxy = await startProxy({ upstream: `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}/v2`, port: 0 })
  })
  afterAll(async () => {
    await proxy?.close()
    await new Promise<void>((resolve) => (upstream.server as Server).close(() => resolve()))
  })

  it('forwards method, path, query, key, Idempotency-Key and body bytes, and passes the answer back byte for byte', async () => {
    const body = '{"type":"website",  "website":{"url":"https://bank.example.com"}}'
    const created = await call('/v2/sources?x=1&y=two', { method: 'POST', body, headers: { 'idempotency-key': 'key-42' } })
    expect(created.status).toBe(201)
    const sent = upstream.seen.at(-1)!
    expect(sent).toMatchObject({ method: 'POST', url: '/v2/sources?x=1&y=two', body })
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(sent.headers['idempotency-key']).toBe('key-42')

    // curl sends `Expect: 100-continue` with larger bodies: the proxy answers it and forwards the body.
    const continued = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${proxy.url}/v2/sources`,
        { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', expect: '100-continue' } },
        (r) => {
          r.resume()
          resolve(r.statusCode!)
        },
      )
      req.on('continue', () => req.end(body))
      req.on('error', reject)
    })
    expect(continued).toBe(201)
    expect(upstream.seen.at(-1)!.body).toBe(body)

    const res = await call('/v2/sources/src_aaaaaaaaaaaaaaaa')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(ODD_BYTES)
    expect(res.headers.get('x-upstream')).toBe('yes')
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
  })

  it('reports the renamed field, the new enum value, the missing request_id, undocumented answers and routes, with redacted examples', async () => {
    for (const [path, init] of [
      ['/v2/sources', { method: 'POST', body: JSON.stringify({ type: 'website', website: { url: 'https://a.example' } }) }],
      ['/v2/connections/conn_aaaaaaaaaaaaaaaa', {}],
      ['/v2/connections/conn_aaaaaaaaaaaaaaaa', {}],
      ['/v2/connections', {}],
      ['/v2/task-runs', {}],
      ['/v2/agents/agt_aaaaaaaaaaaaaaaa', {}],
      [
        '/v2/event-destinations',
        { method: 'POST', body: JSON.stringify({ name: 'n', type: 'webhook', events: ['*'], webhook: { url: 'https://h.example', secret: SECRET } }) },
      ],
      ['/v2/brand-new/thing_abcdefgh', {}],
    ] as const)
      await (await call(path, init as RequestInit)).arrayBuffer()

    const report = await (await fetch(`${proxy.url}/_proxy/report`)).json()
    const route = (name: string) => report.routes.find((r: { route: string }) => r.route === name)
    const issues = (name: string) =>
      route(name)
        ?.issues.map((i: { kind: string; path: string; count: number }) => `${i.kind} ${i.path} ×${i.count}`)
        .sort()

    expect(issues('POST /v2/sources')).toEqual(['missing_field name ×3', 'unknown_field title ×3'])
    expect(issues('GET /v2/connections/{id}')).toEqual(['enum_value status ×2', 'missing_field request_id ×2', 'missing_header x-request-id ×2'])
    expect(issues('GET /v2/connections')).toEqual(['enum_value data[].status ×1'])
    expect(issues('GET /v2/task-runs')).toEqual(['undocumented_status  ×1'])
    expect(issues('GET /v2/agents/{id}')).toEqual(['not_json  ×1'])
    expect(issues('GET /v2/brand-new/{id}')).toEqual(['undocumented_route  ×1'])
    expect(issues('POST /v2/event-destinations')).toEqual(['unknown_field signing_key ×1'])
    expect(route('GET /v2/sources/{id}').issues).toEqual([]) // odd spacing is still the contract
    expect(route('GET /v2/connections/{id}')).toMatchObject({ requests: 2, drifted: 2, statuses: { 200: 2 } })

    const status = route('GET /v2/connections/{id}').issues.find((i: { kind: string }) => i.kind === 'enum_value')
    expect(status.message).toMatch(/"paused" is not one of "connecting", "connected"/)
    expect(status.example).toMatchObject({ request: { method: 'GET', path: '/v2/connections/conn_aaaaaaaaaaaaaaaa' }, status: 200, body: { status: 'paused' } })
    const text = JSON.stringify(report) + proxy.report.summary()
    for (const secret of [SECRET, KEY, 'sk_live_leakyleaky']) expect(text).not.toContain(secret)
    expect(route('POST /v2/event-destinations').issues[0].example.body.webhook.secret).toBe('[redacted]')

    expect(proxy.report.summary()).toContain('✗ GET /v2/connections/{id}  2 requests, 2 differed\n')
    expect(proxy.report.summary()).toMatch(/\n\s+enum_value status: "paused" is not one of .* ×2\n/)
  })

  it('answers a Deck-style 502 when the upstream cannot be reached, and reports it', async () => {
    const dead = await startProxy({ upstream: `http://127.0.0.1:${await freePort()}`, port: 0 })
    try {
      const res = await fetch(`${dead.url}/v2/sources`, { headers: { authorization: `Bearer ${KEY}` } })
      expect(res.status).toBe(502)
      const body = await res.json()
      expect(body).toMatchObject({ errors: [{ type: 'api', code: 'upstream_unavailable' }], request_id: expect.stringMatching(/^req_/) })
      expect(dead.report.toJSON().routes[0]?.issues[0]).toMatchObject({ kind: 'upstream_error', count: 1 })
    } finally {
      await dead.close()
    }
  })
})
