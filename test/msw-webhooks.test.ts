import { setupServer } from 'msw/node'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deckHandlers } from '../src/adapters/msw.js'
import { freshKey } from './helpers/api.js'

// In msw mode the signed webhooks go to onWebhook instead of the network.
const received: Request[] = []
const deck = deckHandlers({ seed: 3, onWebhook: (request) => void received.push(request) })
const server = setupServer(...deck)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(async () => {
  server.close()
  await deck.close()
})

describe('msw adapter webhooks', () => {
  it('hands each signed webhook to onWebhook, verifiable with standardwebhooks', async () => {
    const key = freshKey('mswhook')
    const client = deck.client(key)
    const destination = await client.request('POST', '/v2/event-destinations', {
      name: 'app',
      type: 'webhook',
      events: ['connection.connected'],
      webhook: { url: 'https://my-app.example.com/hooks/deck' },
    })
    const source = await client.sources.create({ url: 'https://bank.example.com' })
    const connection = await client.connections.create({ source_id: source.id, username: 'user_good', password: 'pw' })
    const delivery = await client.emulator.wait<{ status: string; event_id: string }>({ delivery: 'connection.connected', timeout: '5s' })
    expect(delivery.status).toBe('success')
    const request = received.find((r) => r.headers.get('webhook-id') === delivery.event_id)!
    expect(request.url).toBe('https://my-app.example.com/hooks/deck')
    const body = await request.text()
    const payload = new Webhook(destination.webhook.secret).verify(body, Object.fromEntries(request.headers)) as { type: string; data: { id: string } }
    expect(payload).toMatchObject({ type: 'connection.connected', data: { id: connection.id } })
  })
})
