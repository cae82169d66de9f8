// Baseline: a bare Hono + @hono/node-server app with the same routes and a same-sized JSON body.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const connection = {
  id: 'conn_bench0000000000',
  object: 'connection',
  status: 'connected',
  source_id: 'src_bench000000000',
  auth_method: 'username_password',
  auth_credentials: { username: 'user_good' },
  external_id: null,
  interaction: null,
  errors: [],
  last_connected_at: '2026-01-01T00:00:00.000Z',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
}
let n = 0
const app = new Hono()
app.get('/health', (c) => c.json({ status: 'ok' }))
app.get('/v2/connections/:id', (c) => c.json({ ...connection, id: c.req.param('id'), request_id: `req_${++n}` }))
app.post('/v2/connections', async (c) => {
  const body = await c.req.json()
  return c.json({ ...connection, source_id: body.source_id, status: 'connecting', request_id: `req_${++n}` }, 201)
})
serve({ fetch: app.fetch, port: Number(process.argv[2] ?? 0), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`)
})
