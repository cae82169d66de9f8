// The msw adapter against whichever msw is resolved (see redirect.mjs): handlers
// answer through setupServer, and an onWebhook that forwards to the app's own
// loopback server (a passed-through Response, body unread) does not hang.
// With CHECK=duplicate, deckHandlers() must refuse two copies of msw by name.
import { createServer } from 'node:http'
import { setupServer } from 'msw/node'

const dist = process.env.DECK_DIST
const { deckHandlers } = await import(`${dist}/adapters/msw.js`)
const mswVersion = `${process.env.MSW_VERSION} (${import.meta.resolve('msw')})`

if (process.env.CHECK === 'duplicate') {
  try {
    deckHandlers()
  } catch (error) {
    console.log(error.message)
    process.exit(0)
  }
  console.error('deckHandlers() accepted two copies of msw')
  process.exit(1)
}
if (process.env.CHECK === 'duplicate-allowed') {
  deckHandlers({ checkMswCopies: false })
  console.log('checkMswCopies: false accepted')
  process.exit(0)
}

const app = createServer((req, res) => {
  req.resume()
  res.writeHead(200)
  res.write('ok')
  setImmediate(() => res.end())
})
await new Promise((resolve) => app.listen(0, '127.0.0.1', resolve))
const appUrl = `http://127.0.0.1:${app.address().port}`
const deck = deckHandlers({
  onWebhook: (request) => fetch(`${appUrl}/hooks`, { method: 'POST', headers: request.headers, body: request.body, duplex: 'half' }),
})
const server = setupServer(...deck)
server.listen({ onUnhandledRequest: ({ url }, print) => (new URL(url).hostname === '127.0.0.1' ? undefined : print.error()) })
const key = 'sk_test_mswversions'
const call = async (method, path, body) => {
  const res = await fetch(`https://api.deck.co${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  return { status: res.status, body: await res.json() }
}
await call('POST', '/v2/event-destinations', {
  name: 'app',
  type: 'webhook',
  events: ['connection.connected'],
  webhook: { url: 'https://my-app.example.com/hooks' },
})
const source = await call('POST', '/v2/sources', { type: 'website', website: { url: 'https://bank.example.com' } })
const conn = await call('POST', '/v2/connections', {
  source_id: source.body.id,
  auth_method: 'username_password',
  auth_credentials: { username: 'user_good', password: 'pw' },
})
const delivery = await call('GET', '/_emulator/wait?delivery=connection.connected&timeout=10s')
await (await deck.emulator()).webhooksIdle()
server.close()
await deck.close()
app.close()
if (source.status !== 201 || conn.status !== 201 || delivery.body.status !== 'success') {
  console.error(`msw ${mswVersion}: unexpected answers`, JSON.stringify({ source, conn, delivery }))
  process.exit(1)
}
console.log(`msw ${mswVersion}: handlers answer, webhook to the app's own server delivered, close() resolved`)
