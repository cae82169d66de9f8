import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deckHandlers } from '../src/adapters/msw.js'
import type { FaultParams } from '../src/client/index.js'
import { freshKey } from './helpers/api.js'

// msw mode: the integrator's global fetch meets the chaos faults as far as msw can play them.
const deck = deckHandlers({ seed: 5 })
const server = setupServer(...deck)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(async () => {
  server.close()
  await deck.close()
})

const API = 'https://api.deck.co'

async function tenant(fault: Omit<FaultParams, 'match'>) {
  const key = freshKey('mswchaos')
  const control = deck.client(key)
  await control.emulator.faults.add({ match: { method: 'GET', path: '/v2/sources' }, ...fault })
  const get = () => fetch(`${API}/v2/sources`, { headers: { authorization: `Bearer ${key}` } })
  return { key, control, get }
}

describe('chaos faults through msw', () => {
  it.each(['reset', 'empty'] as const)('connection: %s rejects the fetch with a network error (msw has no finer socket control)', async (connection) => {
    const t = await tenant({ connection, times: 1 })
    await expect(t.get()).rejects.toThrow(TypeError)
    expect((await t.get()).status).toBe(200)
    const [entry] = await t.control.emulator.requests({ path: '/v2/sources' })
    expect(entry).toMatchObject({ status: 200, fault_effects: { connection } })
  })

  it('connection: reset_mid answers 200, then reading the body fails', async () => {
    const t = await tenant({ connection: 'reset_mid' })
    const res = await t.get()
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toMatchObject({ name: 'TypeError', message: 'terminated', cause: { code: 'ECONNRESET' } })
  })

  it('body: malformed answers 200 with broken JSON', async () => {
    const t = await tenant({ body: 'malformed' })
    const res = await t.get()
    expect(res.status).toBe(200)
    await expect(res.json()).rejects.toThrow(SyntaxError)
  })

  it('body: trickle arrives piece by piece and adds up to the whole answer', async () => {
    const t = await tenant({ body: 'trickle', trickle: { duration: '20ms', chunks: 3 } })
    const res = await t.get()
    const reader = res.body!.getReader()
    const pieces: string[] = []
    for (let r = await reader.read(); !r.done; r = await reader.read()) pieces.push(new TextDecoder().decode(r.value))
    expect(pieces).toHaveLength(3)
    expect(JSON.parse(pieces.join(''))).toMatchObject({ data: [], has_more: false })
  })

  it('a client that retries a reset POST with the same Idempotency-Key creates the source once', async () => {
    const key = freshKey('mswchaos')
    const control = deck.client(key)
    await control.emulator.faults.add({ match: { method: 'POST', path: '/v2/sources' }, connection: 'reset', times: 1 })
    const create = () =>
      fetch(`${API}/v2/sources`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': 'create-bank-1' },
        body: JSON.stringify({ type: 'website', website: { url: 'https://bank.example.com' } }),
      })
    let res: Response | undefined
    for (let attempt = 0; attempt < 3 && !res; attempt++) res = await create().catch(() => undefined)
    expect(res!.status).toBe(201)
    const { data } = await control.request<{ data: unknown[] }>('GET', '/v2/sources')
    expect(data).toHaveLength(1) // the reset hit the answer: the first attempt was processed, the retry replayed it
    const posts = await control.emulator.requests({ method: 'POST' })
    expect(posts.map((p) => p.fault_effects?.connection ?? null)).toEqual(['reset', null])
  })
})
