// Baseline for the files phase: bare Hono + @hono/node-server serving the same bytes from memory.
import { readFileSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const bytes = readFileSync(process.argv[3])
const type = process.argv[4] ?? 'application/octet-stream'
const app = new Hono()
app.get('/health', (c) => c.json({ status: 'ok' }))
app.get('/file', (c) => c.body(bytes, 200, { 'content-type': type, 'content-length': String(bytes.length) }))
serve({ fetch: app.fetch, port: Number(process.argv[2] ?? 0), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`)
})
