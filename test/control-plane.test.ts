import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'

const SCENARIO = `
name: cp
clock: manual
sources:
  - id: src_cp_bank
    login_delay: 1s
    accounts:
      - username: ana
        password: pw
        login: [{ mfa: { code: "777777" } }, connected]
faults:
  - match: { method: GET, path: /v2/sources/* }
    respond: { status: 429 }
    times: 1
`

let emulator: Emulator
beforeAll(async () => {
  emulator = await createEmulator({ clock: 'manual' })
})
afterAll(() => emulator.close())

async function tenant() {
  const client = api((input, init) => emulator.fetch(input, init), freshKey('cp'))
  expect((await client.put('/_emulator/scenario', SCENARIO)).status).toBe(200)
  const connect = async () =>
    (await client.post('/v2/connections', { source_id: 'src_cp_bank', auth_credentials: { username: 'ana', password: 'pw' } })).body.id as string
  return { client, connect }
}

describe('reset, scenario and clock', () => {
  it('resets to the loaded scenario and touches no other tenant', async () => {
    const a = await tenant()
    const b = await tenant()
    const id = await a.connect()
    await b.connect()
    await a.client.post('/_emulator/clock/advance', { by: '1h' })
    expect((await a.client.post('/_emulator/reset')).body).toMatchObject({ reset: true })
    expect((await a.client.get(`/v2/connections/${id}`)).status).toBe(404)
    expect((await a.client.get('/v2/sources/src_cp_bank')).status).toBe(429) // the scenario's fault is back, counter fresh
    expect((await a.client.get('/_emulator/clock')).body.now).toBe('2026-01-01T00:00:00.000Z')
    expect((await b.client.get('/v2/connections')).body.data).toHaveLength(1)
  })

  it('loads JSON scenarios and rejects bad ones with the path and what was expected', async () => {
    const { client } = await tenant()
    const ok = await client.put('/_emulator/scenario', { name: 'json', sources: [{ id: 'src_json' }] })
    expect(ok.body).toMatchObject({ loaded: 'json', sources: ['src_json'] })
    const bad = await client.put('/_emulator/scenario', 'name: x\nfaults:\n  - match: { path: v2 }\n')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].message).toMatch(/faults\[0\]\.match\.path \(line 3\): expected a path starting with \//)
  })

  it('reads, advances and switches the clock per tenant', async () => {
    const a = await tenant()
    const b = await tenant()
    expect((await a.client.post('/_emulator/clock/advance', { by: '90s' })).body).toMatchObject({ mode: 'manual', now: '2026-01-01T00:01:30.000Z' })
    expect((await b.client.get('/_emulator/clock')).body.now).toBe('2026-01-01T00:00:00.000Z')
    expect((await a.client.post('/_emulator/clock/advance', { by: 'soon' })).body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'by' })
    expect((await a.client.post('/_emulator/clock', { mode: 'system' })).body.mode).toBe('system')
  })
})

describe('transition and expected answer', () => {
  it('forces a transition with the same events, and refuses an illegal one with 409', async () => {
    const { client, connect } = await tenant()
    const id = await connect()
    await client.post('/_emulator/clock/advance', { by: '1s' })
    const answer = await client.get(`/_emulator/connections/${id}/expected-answer`)
    expect(answer.body).toMatchObject({ inputs: { code: '777777' } })
    expect((await client.post(`/_emulator/connections/${id}/transition`, { status: 'disconnected' })).body.status).toBe('disconnected')
    const events = (await client.get(`/_emulator/events?connection=${id}`)).body.data.map((e: any) => e.type)
    expect(events).toEqual(['connection.connecting', 'connection.interaction_required', 'connection.disconnected'])
    const illegal = await client.post(`/_emulator/connections/${id}/transition`, { status: 'connected' })
    expect(illegal.status).toBe(409)
    expect(illegal.body.errors[0].code).toBe('invalid_state')
    expect((await client.get(`/_emulator/connections/${id}/expected-answer`)).status).toBe(409)
  })
})

describe('request journal', () => {
  it('records API requests with secrets redacted, newest last, filterable', async () => {
    const { client, connect } = await tenant()
    const id = await connect()
    await client.post(`/v2/connections/${id}/interaction`, { inputs: { code: '1' } }, { 'idempotency-key': 'k1' })
    await client.post('/v2/connections', '{bad json', {})
    const all = (await client.get('/_emulator/requests')).body.data
    expect(all.map((r: any) => `${r.method} ${r.status}`)).toEqual(['POST 201', 'POST 409', 'POST 400'])
    expect(all[0].body.auth_credentials).toEqual({ username: 'ana', password: '[redacted]' })
    expect(all[1]).toMatchObject({ error: 'interaction_not_required', idempotency_key: 'k1', body: { inputs: { code: '1' } } })
    expect(all[2].error).toBe('input_invalid')
    expect((await client.get('/_emulator/requests?status=409')).body.data).toHaveLength(1)
    expect((await client.get('/_emulator/requests?path=/v2/connections/*/interaction')).body.data).toHaveLength(1)
    await client.delete('/_emulator/requests')
    expect((await client.get('/_emulator/requests')).body.data).toEqual([])
  })
})

describe('wait', () => {
  it('answers at once when the condition already holds, and when it comes true later', async () => {
    const { client, connect } = await tenant()
    const id = await connect()
    expect((await client.get(`/_emulator/wait?connection=${id}&status=connecting`)).body.id).toBe(id)
    const later = client.get(`/_emulator/wait?connection=${id}&status=interaction_required,invalid&timeout=5s`)
    await client.post('/_emulator/clock/advance', { by: '1s' })
    expect((await later).body).toMatchObject({ id, status: 'interaction_required' })
    const event = await client.get(`/_emulator/wait?event=connection.interaction_required&connection=${id}`)
    expect(event.body).toMatchObject({ object: 'event', type: 'connection.interaction_required' })
  })

  it('answers 408 with what it saw when the real-time timeout passes', async () => {
    const { client, connect } = await tenant()
    const id = await connect()
    const res = await client.get(`/_emulator/wait?connection=${id}&status=connected&timeout=50ms`)
    expect(res.status).toBe(408)
    expect(res.body.errors[0]).toMatchObject({ type: 'request', code: 'wait_timeout' })
    expect(res.body.errors[0].message).toContain(`connection ${id} is connecting, not connected`)
  })

  it('rejects waits that cannot be met', async () => {
    const { client } = await tenant()
    expect((await client.get('/_emulator/wait?connection=conn_nope&status=connected')).status).toBe(404)
    expect((await client.get('/_emulator/wait?connection=conn_nope')).body.errors[0]).toMatchObject({ code: 'input_missing', field: 'status' })
    expect((await client.get('/_emulator/wait')).body.errors[0].code).toBe('input_missing')
    expect((await client.get('/_emulator/wait?event=x&timeout=2m')).body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'timeout' })
  })

  it('a reset during a wait is seen by the wait', async () => {
    const { client, connect } = await tenant()
    const id = await connect()
    const pending = client.get(`/_emulator/wait?connection=${id}&status=connected&timeout=5s`)
    await client.post('/_emulator/reset')
    expect((await pending).status).toBe(404)
  })
})

describe('API faults', () => {
  it('renders a forced error as a Deck envelope for `times` matching requests', async () => {
    const { client } = await tenant()
    const fault = await client.post('/_emulator/faults', {
      match: { method: 'post', path: '/v2/connections' },
      respond: { status: 503, type: 'source', code: 'source_not_available' },
      times: 2,
    })
    expect(fault.status).toBe(201)
    const body = { source_id: 'src_cp_bank', auth_credentials: { username: 'ana', password: 'pw' } }
    const first = await client.post('/v2/connections', body)
    expect(first.status).toBe(503)
    expect(first.body).toMatchObject({ errors: [{ type: 'source', code: 'source_not_available' }], request_id: expect.stringMatching(/^req_/) })
    expect((await client.post('/v2/connections', body)).status).toBe(503)
    expect((await client.post('/v2/connections', body)).status).toBe(201)
    const list = (await client.get('/_emulator/faults')).body.data
    expect(list.find((f: any) => f.id === fault.body.id)).toMatchObject({ hits: 2, remaining: 0, origin: 'control' })
    expect(list.find((f: any) => f.origin === 'scenario')).toMatchObject({ match: { method: 'GET', path: '/v2/sources/*' } })
  })

  it('sends Retry-After on 429 and delays in real time', async () => {
    const { client } = await tenant()
    const limited = await client.get('/v2/sources/src_cp_bank')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    await client.post('/_emulator/faults', { match: { path: '/v2/**' }, delay: '60ms', times: 1 })
    const started = performance.now()
    expect((await client.get('/v2/sources/src_cp_bank')).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
  })

  it('removes faults one by one or all at once, and rejects bad ones', async () => {
    const { client } = await tenant()
    const added = await client.post('/_emulator/faults', { respond: { status: 500 } })
    expect((await client.get('/v2/connections')).status).toBe(500)
    expect((await client.delete(`/_emulator/faults/${added.body.id}`)).body.deleted).toBe(1)
    expect((await client.delete('/_emulator/faults/flt_999')).status).toBe(404)
    expect((await client.delete('/_emulator/faults')).body.deleted).toBe(1)
    expect((await client.get('/v2/sources/src_cp_bank')).status).toBe(200)
    expect((await client.post('/_emulator/faults', { match: { path: '/v2' } })).body.errors[0].code).toBe('input_invalid')
    expect((await client.post('/_emulator/faults', { respond: { status: 200 } })).body.errors[0].field).toBe('respond.status')
  })
})

describe('reference page', () => {
  it('serves a self-contained HTML reference without auth', async () => {
    const res = await emulator.fetch('/_emulator/docs')
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain('/v2/connections/{id}/interaction')
    expect(html).toContain('/_emulator/wait')
    expect(html).not.toMatch(/<script|https?:\/\/(?!api\.deck)/)
  })
})
