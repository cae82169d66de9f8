import { createServer } from 'node:http'
import { Webhook } from 'standardwebhooks'

/**
 * A real local webhook receiver: collects every POST (raw body + headers) and
 * resolves `connected(id)` when the `connection.connected` webhook for that
 * connection has arrived. Signatures are checked with `standardwebhooks`
 * after the timed loop (`verifyAll`), so verification is not part of the
 * measured latency; `verifyFirst` checks one at once, to fail fast.
 */
export async function startReceiver({ types = ['connection.connected'] } = {}) {
  const received = []
  const arrived = new Map()
  const waiting = new Map()
  const server = createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      res.writeHead(200).end()
      if (!req.headers['webhook-id']) return // the floor's unsigned POST (same size, nothing behind it)
      const headers = {
        'webhook-id': req.headers['webhook-id'],
        'webhook-timestamp': req.headers['webhook-timestamp'],
        'webhook-signature': req.headers['webhook-signature'],
      }
      received.push({ body, headers })
      const event = JSON.parse(body)
      if (!types.includes(event.type)) return
      arrived.set(event.data.id, performance.now())
      waiting.get(event.data.id)?.()
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}/webhooks/deck`
  return {
    url,
    received,
    /** Resolves with the performance.now() the connected webhook arrived at (a webhook may beat the client's last poll). */
    connected(id, timeoutMs = 5000) {
      if (arrived.has(id)) return Promise.resolve(arrived.get(id))
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no connection.connected webhook for ${id} within ${timeoutMs} ms`)), timeoutMs)
        waiting.set(id, () => {
          clearTimeout(timer)
          waiting.delete(id)
          resolve(arrived.get(id))
        })
      })
    },
    verifyFirst(secret) {
      if (!received.length) throw new Error('no webhook received')
      new Webhook(secret).verify(received[0].body, received[0].headers)
    },
    /** Throws on the first bad signature; returns how many were verified. */
    verifyAll(secret) {
      const wh = new Webhook(secret)
      for (const { body, headers } of received) wh.verify(body, headers)
      return received.length
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** Registers the receiver as the tenant's destination for `connection.connected` (or `events`); returns its secret. */
export async function addDestination(base, key, url, events = ['connection.connected']) {
  const res = await fetch(`${base}/v2/event-destinations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench receiver', type: 'webhook', events, webhook: { url } }),
  })
  const json = await res.json()
  if (res.status !== 201) throw new Error(`create destination → ${res.status} ${JSON.stringify(json)}`)
  return json.webhook.secret
}
