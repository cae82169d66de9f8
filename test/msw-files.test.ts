import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deckHandlers } from '../src/adapters/msw.js'
import { freshKey } from './helpers/api.js'
import { pdfObjects } from './helpers/files.js'

// With msw, a signed file URL points at https://api.deck.co/_files/… and is answered in-process too.
const deck = deckHandlers({
  scenario: {
    name: 'msw-files',
    agents: [{ id: 'agt_a', name: 'A' }],
    tasks: [{ id: 'task_doc', agent_id: 'agt_a', name: 'Doc', storage: { enabled: true } }],
  },
})
const server = setupServer(...deck)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(async () => {
  server.close()
  await deck.close()
})

describe('msw adapter and stored files', () => {
  it('downloads a storage item through its signed url with the global fetch', async () => {
    const key = freshKey('mswfiles')
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
    const post = async (path: string, body: unknown) =>
      (await fetch(`https://api.deck.co${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json()
    const src = await post('/v2/sources', { type: 'website', website: { url: 'https://bank.example.com' } })
    const conn = await post('/v2/connections', {
      source_id: src.id,
      auth_method: 'username_password',
      auth_credentials: { username: 'user_good', password: 'pw' },
    })
    const run = await post('/v2/tasks/task_doc/run', { connection_id: conn.id })
    await deck.advance('1s', key)
    const detail = await (await fetch(`https://api.deck.co/v2/task-runs/${run.id}?include=storage`, { headers })).json()
    expect(detail.storage[0].url).toMatch(/^https:\/\/api\.deck\.co\/_files\//)
    const res = await fetch(detail.storage[0].url)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(pdfObjects(Buffer.from(await res.arrayBuffer()))).toBe(5)
  })
})
