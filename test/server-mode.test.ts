import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDeckClient, DeckApiError } from '../src/client/index.js'
import { createEmulator, type Emulator } from '../src/index.js'
import { freshKey } from './helpers/api.js'

// Server mode, as an integrator's suite would use it: one emulator on a port, one key per test.
let emulator: Emulator
let baseUrl: string
beforeAll(async () => {
  emulator = await createEmulator({ clock: 'manual' })
  baseUrl = (await emulator.listen(0)).url
})
afterAll(() => emulator.close())

const deckFor = () => createDeckClient({ baseUrl, apiKey: freshKey('server') })

describe.concurrent('server mode with parallel tenants', () => {
  it('tenant A: connects with MFA, then the idle timeout disconnects it', async () => {
    const deck = deckFor()
    const source = await deck.sources.create({ url: 'https://bank.example.com' })
    const conn = await deck.connections.create({ source_id: source.id, username: 'user_mfa', password: 'pw' })
    expect(conn.status).toBe('connecting')
    await deck.emulator.waitFor({ connection: conn.id, status: 'interaction_required' })
    await deck.connections.answer(conn.id)
    expect((await deck.emulator.waitFor({ connection: conn.id, status: 'connected' })).last_connected_at).toBe('2026-01-01T00:00:00.000Z')
    await deck.emulator.advance('599s')
    expect((await deck.connections.get(conn.id)).status).toBe('connected')
    await deck.emulator.advance('1s')
    expect(await deck.connections.get(conn.id)).toMatchObject({ status: 'disconnected', errors: [{ code: 'session_ended' }] })
  })

  it("tenant B: an unanswered interaction times out after 5 minutes; A's clock is not B's", async () => {
    const deck = deckFor()
    const source = await deck.sources.create({ url: 'https://insurer.example.com' })
    const conn = await deck.connections.create({ source_id: source.id, username: 'user_question', password: 'pw' })
    await deck.emulator.waitFor({ connection: conn.id, status: 'interaction_required' })
    await deck.emulator.advance('4m')
    expect((await deck.connections.get(conn.id)).status).toBe('interaction_required')
    await deck.emulator.advance('1m')
    expect(await deck.connections.get(conn.id)).toMatchObject({ status: 'disconnected', errors: [{ type: 'interaction', code: 'interaction_timeout' }] })
    expect((await deck.emulator.clock()).now).toBe('2026-01-01T00:05:00.000Z')
    expect((await deck.emulator.events({ connection: conn.id })).map((e) => e.type)).toEqual([
      'connection.connecting',
      'connection.interaction_required',
      'connection.disconnected',
    ])
  })

  it('the client throws a DeckApiError carrying the envelope', async () => {
    const deck = deckFor()
    const error = await deck.connections.get('conn_missing').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeckApiError)
    expect(error).toMatchObject({ status: 404, code: 'connection_not_found', type: 'request', requestId: expect.stringMatching(/^req_/) })
    const timeout = await deck.emulator.waitFor({ connection: 'conn_x', status: 'connected', timeout: '10ms' }).catch((e: DeckApiError) => e)
    expect(timeout).toMatchObject({ status: 404 })
  })

  it('wait times out with 408 and a readable message', async () => {
    const deck = deckFor()
    const source = await deck.sources.create({ url: 'https://slow.example.com' })
    const conn = await deck.connections.create({ source_id: source.id, username: 'user_slow', password: 'pw' })
    const error = await deck.emulator.waitFor({ connection: conn.id, status: 'connected', timeout: '100ms' }).catch((e: DeckApiError) => e)
    expect(error).toMatchObject({ status: 408, code: 'wait_timeout' })
    expect((error as DeckApiError).message).toContain('is connecting, not connected')
    await deck.emulator.advance('5s')
    expect((await deck.connections.get(conn.id)).status).toBe('connected')
  })

  it('loads a scenario, resets to it, and replays a forced transition', async () => {
    const deck = deckFor()
    await deck.emulator.loadScenario({ name: 'srv', sources: [{ id: 'src_srv', accounts: [{ username: 'kim', password: 'pw', login: ['connected'] }] }] })
    const conn = await deck.connections.create({ source_id: 'src_srv', username: 'kim', password: 'pw', external_id: 'u1' })
    expect((await deck.emulator.transition(conn.id, 'terminated')).status).toBe('terminated')
    await expect(deck.emulator.transition(conn.id, 'connected')).rejects.toMatchObject({ status: 409, code: 'invalid_state' })
    await deck.emulator.reset()
    expect((await deck.connections.list()).data).toEqual([])
    expect((await deck.sources.get('src_srv')).id).toBe('src_srv')
  })
})
