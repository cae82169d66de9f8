import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deckHandlers } from '../src/adapters/msw.js'
import { freshKey } from './helpers/api.js'

// The integrator's receiver is their own app on loopback; onWebhook forwards to it with fetch
// and returns that Response without reading its body.
let app: Server
let appUrl = ''
const hits: string[] = []
const deck = deckHandlers({
  onWebhook: (request) => fetch(`${appUrl}/hooks/deck`, { method: 'POST', headers: request.headers, body: request.body, duplex: 'half' } as RequestInit),
})
const server = setupServer(...deck)
beforeAll(async () => {
  app = createServer((req, res) => {
    hits.push(req.url!)
    req.resume()
    // A body the emulator never reads, streamed slowly so it is still open when the attempt is recorded.
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.write('ok')
    setImmediate(() => res.end(' done'))
  })
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
  server.listen({ onUnhandledRequest: ({ url }, print) => (new URL(url).hostname === '127.0.0.1' ? undefined : print.error()) })
})
afterAll(async () => {
  server.close()
  await deck.close()
  await new Promise((resolve) => app.close(resolve))
})

describe("msw onWebhook returning the receiver's own Response", () => {
  it('records the attempt, and webhooksIdle() and close() resolve', async () => {
    const key = freshKey('mswrecv')
    const client = deck.client(key)
    await client.request('POST', '/v2/event-destinations', {
      name: 'app',
      type: 'webhook',
      events: ['connection.connected'],
      webhook: { url: 'https://my-app.example.com/hooks/deck' },
    })
    const source = await client.sources.create({ url: 'https://bank.example.com' })
    await client.connections.create({ source_id: source.id, username: 'user_good', password: 'pw' })
    const delivery = await client.emulator.wait<{ status: string }>({ delivery: 'connection.connected', timeout: '5s' })
    expect(delivery.status).toBe('success')
    const emulator = await deck.emulator()
    await emulator.webhooksIdle()
    expect(hits).toContain('/hooks/deck')
  })
})

describe('msw onWebhook that never answers', () => {
  it('close() still resolves (the pending attempt is aborted, not awaited forever)', async () => {
    let called = 0
    const stuck = deckHandlers({ onWebhook: () => (called++, new Promise<Response>(() => {})) })
    const client = stuck.client(freshKey('mswstuck'))
    await client.request('POST', '/v2/event-destinations', {
      name: 'app',
      type: 'webhook',
      events: ['connection.connected'],
      webhook: { url: 'https://my-app.example.com/hooks/deck' },
    })
    const source = await client.sources.create({ url: 'https://bank.example.com' })
    await client.connections.create({ source_id: source.id, username: 'user_good', password: 'pw' })
    await client.emulator.waitForEvent('connection.connected')
    expect(called).toBe(1)
    await stuck.close()
  })
})
