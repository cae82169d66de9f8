// A webhook receiver in its own process, as an integrator would run it: every
// request is verified with the unmodified `standardwebhooks` library.
// Usage: node verifying-receiver.mjs <port|0> <secret> [secret…]
// Prints {"port":N} on stdout once listening. GET /results → every request's verdict;
// POST /secrets {"secrets":[…]} sets the secrets later (when the emulator prints them at start).
import { createServer } from 'node:http'
import { Webhook } from 'standardwebhooks'

const [portArg = '0', ...secrets] = process.argv.slice(2)
let verifiers = secrets.map((s) => new Webhook(s))
const results = []

const server = createServer((req, res) => {
  const chunks = []
  req.on('data', (c) => chunks.push(c))
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/results') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(results))
      return
    }
    const body = Buffer.concat(chunks).toString('utf8')
    if (req.method === 'POST' && req.url === '/secrets') {
      verifiers = JSON.parse(body).secrets.map((s) => new Webhook(s))
      res.writeHead(204)
      res.end()
      return
    }
    let verified = false
    let error = null
    for (const wh of verifiers) {
      try {
        wh.verify(body, req.headers)
        verified = true
        break
      } catch (e) {
        error = e.message
      }
    }
    let event = null
    try {
      event = JSON.parse(body)
    } catch {}
    results.push({ webhook_id: req.headers['webhook-id'], type: event?.type ?? null, event_id: event?.id ?? null, verified, error: verified ? null : error })
    res.writeHead(verified ? 200 : 400)
    res.end()
  })
})
server.listen(Number(portArg), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
