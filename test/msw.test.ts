import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deckHandlers } from '../src/adapters/msw.js'
import { createAccountLinker } from './example/account-linker.js'
import { freshKey } from './helpers/api.js'

// The integrator's code calls https://api.deck.co/v2 with the global fetch; msw answers with the emulator.
const deck = deckHandlers({ seed: 1 })
const server = setupServer(...deck)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(async () => {
  server.close()
  await deck.close()
})

/** Each test on its own key = its own tenant, with a source created through the API. */
async function world() {
  const apiKey = freshKey('msw')
  const control = deck.client(apiKey)
  const source = await control.sources.create({ url: 'https://bank.example.com', name: 'Bank' })
  const linker = createAccountLinker({ apiKey, sleep: async () => {} })
  return { apiKey, control, source: source.id, linker }
}

describe('msw adapter', () => {
  it('links an account that asks for an MFA code', async () => {
    const { control, source, linker } = await world()
    const first = await linker.link(source, 'user_mfa', 'pw')
    expect(first).toMatchObject({ state: 'needs_input', field: 'code' })
    const { code } = await control.emulator.expectedAnswer(first.connectionId)
    expect(await linker.answer(first.connectionId, 'code', code!)).toEqual({ state: 'linked', connectionId: first.connectionId })
  })

  it('re-prompts on a wrong code', async () => {
    const { source, linker } = await world()
    const first = await linker.link(source, 'user_mfa', 'pw')
    expect(await linker.answer(first.connectionId, 'code', '000000')).toMatchObject({ state: 'needs_input' })
  })

  it('retries 503s from an API fault, then succeeds', async () => {
    const { control, source, linker } = await world()
    await control.emulator.faults.add({ match: { method: 'POST', path: '/v2/connections' }, respond: { status: 503 }, times: 2 })
    expect(await linker.link(source, 'user_good', 'pw')).toMatchObject({ state: 'linked' })
    const posts = await control.emulator.requests({ method: 'POST', path: '/v2/connections' })
    expect(posts.map((r) => r.status)).toEqual([503, 503, 201])
    expect(posts[2]!.body).toMatchObject({ auth_credentials: { username: 'user_good', password: '[redacted]' } })
  })

  it('gives up on a persistent 500 with the Deck error code', async () => {
    const { control, source, linker } = await world()
    await control.emulator.faults.add({ match: { path: '/v2/connections' }, respond: { status: 500 } })
    await expect(linker.link(source, 'user_good', 'pw')).rejects.toMatchObject({ status: 500, code: 'api_error' })
  })

  it('sees the idle timeout after the clock moves 10 minutes, and relinks', async () => {
    const { control, source, linker } = await world()
    const { connectionId } = await linker.link(source, 'user_good', 'pw')
    await control.emulator.advance('9m')
    expect(await linker.check(connectionId)).toMatchObject({ state: 'linked' })
    await control.emulator.advance('1m')
    expect(await linker.check(connectionId)).toMatchObject({ state: 'failed', reason: 'session_ended' })
    expect(await linker.relink(connectionId)).toMatchObject({ state: 'linked' })
  })

  it("keeps tenants apart: one key cannot see the other key's connections", async () => {
    const a = await world()
    const b = await world()
    const { connectionId } = await a.linker.link(a.source, 'user_good', 'pw')
    await expect(b.control.connections.get(connectionId)).rejects.toMatchObject({ status: 404, code: 'connection_not_found' })
  })

  it('serves the control plane at https://api.deck.co/_emulator too', async () => {
    const apiKey = freshKey('msw')
    const res = await fetch('https://api.deck.co/_emulator/clock', { headers: { authorization: `Bearer ${apiKey}` } })
    expect(await res.json()).toMatchObject({ mode: 'manual', now: '2026-01-01T00:00:00.000Z' })
  })

  it('has helpers on the handlers for the default key', async () => {
    await deck.reset()
    const control = deck.client()
    const source = await control.sources.create({ url: 'https://x.example.com' })
    const conn = await control.connections.create({ source_id: source.id, username: 'user_question', password: 'pw' })
    const answer = await deck.expectedAnswer(conn.id)
    expect(answer).toEqual({ answer: 'rex' })
    await control.connections.submitInteraction(conn.id, answer)
    expect(await deck.waitFor({ connection: conn.id, status: 'connected', timeout: '1s' })).toMatchObject({ status: 'connected' })
    expect(await deck.advance('1m')).toEqual({ mode: 'manual', now: '2026-01-01T00:01:00.000Z' })
  })
})

describe('msw adapter options', () => {
  it('loads a scenario (path, YAML text or object) into every tenant, without msw in the way', async () => {
    const scripted = deckHandlers({ scenario: 'test/fixtures/replay-ok.yaml' })
    const control = scripted.client(freshKey('msw'))
    expect((await control.sources.get('src_fixture_bank')).name).toBe('Fixture Bank')
    expect((await control.emulator.clock()).mode).toBe('system') // the scenario's `clock:` wins over the adapter's manual default
    await scripted.close()
  })
})
