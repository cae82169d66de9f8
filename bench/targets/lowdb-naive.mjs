// Reference point: the obvious lowdb design (JSONFilePreset, whole file rewritten on every write)
// with the same number of stored connections. Not a baseline for ratios; shows what the WAL avoids.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { JSONFilePreset } from 'lowdb/node'

const [file, count] = [process.argv[2], Number(process.argv[3] ?? 10000)]
const db = await JSONFilePreset(file, { connections: {} })
const template = {
  object: 'connection',
  status: 'connected',
  source_id: 'src_bench',
  auth_method: 'username_password',
  auth_credentials: { username: 'user_good' },
  external_id: null,
  interaction: null,
  errors: [],
  last_connected_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
}
for (let i = Object.keys(db.data.connections).length; i < count; i++) db.data.connections[`conn_${i}`] = { id: `conn_${i}`, ...template }
await db.write()
let n = count
const app = new Hono()
app.get('/health', (c) => c.json({ ok: true }))
app.post('/v2/connections', async (c) => {
  const body = await c.req.json()
  const id = `conn_${n++}`
  const connection = { id, ...template, source_id: body.source_id, status: 'connecting' }
  await db.update(({ connections }) => {
    connections[id] = connection
  })
  return c.json(connection, 201)
})
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`))
