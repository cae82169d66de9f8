import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deckHandlers } from '../src/adapters/msw.js'
import { freshKey } from './helpers/api.js'

// A connections-pinned emulator answers the integrator's global fetch.
const deck = deckHandlers({ api: 'connections' })
const server = setupServer(...deck)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(async () => {
  server.close()
  await deck.close()
})

describe('msw and the api setting', () => {
  it('msw deckHandlers({ api }) pins the tenants behind the intercepted origin', async () => {
    const key = freshKey('msw')
    const headers = { authorization: `Bearer ${key}` }
    const credentials = await fetch('https://api.deck.co/v2/credentials', { headers })
    expect(credentials.status).toBe(404)
    expect((await credentials.json()).errors[0].message).toMatch(/^this tenant serves the connections generation; GET \/v2\/credentials/)
    expect((await fetch('https://api.deck.co/v2/connections', { headers })).status).toBe(200)
    const types = (await (await fetch('https://api.deck.co/v2/event-types', { headers })).json()).data.map((t: { type: string }) => t.type)
    expect(types).toContain('connection.connected')
    expect(types).not.toContain('credential.created')
    expect(await deck.client(key).test()).toEqual({ status: 'ready', environment: 'live' })
  })
})
