import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

export const BENCH_KEY = 'sk_test_bench_tenant'
export const SOURCE_ID = 'src_bench000000000'
const DAY = 86_400_000

const connId = (i) => `conn_${i.toString(36).padStart(16, '0')}`
const evtId = (i) => `evt_${i.toString(36).padStart(16, '0')}`

/**
 * Writes a world straight into the file store's format (snapshot `db.json`
 * + `db.json.events`), much faster than through the API: `connections`
 * connected connections (with login state and idle timer) and `events`
 * events spread over the last 20 days of the tenant clock. Returns ids to hit.
 */
export function writeWorld(file, { connections, events, now = Date.now() }) {
  mkdirSync(dirname(file), { recursive: true })
  const start = now - 20 * DAY
  const iso = (ms) => new Date(ms).toISOString()
  const connection = (i) => {
    const at = iso(start + Math.floor((i * 20 * DAY) / Math.max(connections, 1)))
    return {
      id: connId(i),
      object: 'connection',
      status: 'connected',
      source_id: SOURCE_ID,
      auth_method: 'username_password',
      auth_credentials: { username: 'user_good' },
      external_id: `cust_${i}`,
      interaction: null,
      errors: [],
      last_connected_at: at,
      created_at: at,
      updated_at: at,
    }
  }
  const fd = openSync(file, 'w')
  const out = (s) => writeSync(fd, s)
  const tenant = {
    key: BENCH_KEY,
    seed: 0,
    rng: [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x3c6ef372] /* any sfc32 state */,
    clock: { mode: 'system', now, offset: 0 },
    scenario: null,
    scripts: {},
    sources: {
      [SOURCE_ID]: {
        id: SOURCE_ID,
        object: 'source',
        name: 'Bench Bank',
        type: 'website',
        website: { url: 'https://bank.example.com' },
        created_at: iso(start),
        updated_at: iso(start),
      },
    },
    events: [],
    timer_seq: connections,
    idempotency: {},
    events_after_seq: 0,
  }
  const head = JSON.stringify(tenant)
  out(`{"version":1,"tenants":{${JSON.stringify(BENCH_KEY)}:${head.slice(0, -1)}`)
  const collection = (name, make) => {
    out(`,${JSON.stringify(name)}:{`)
    let chunk = []
    for (let i = 0; i < connections; i++) {
      chunk.push(`${i ? ',' : ''}${JSON.stringify(connId(i))}:${JSON.stringify(make(i))}`)
      if (chunk.length === 5000) out(chunk.join('')), (chunk = [])
    }
    out(`${chunk.join('')}}`)
  }
  collection('connections', connection)
  collection('logins', (_i) => ({
    steps: [{ kind: 'connected' }],
    index: 0,
    attempts: 0,
    session: {},
    username: 'user_good',
    password: 'pw',
    credentials_set_at: start,
  }))
  out(`,"timers":{`)
  let chunk = []
  for (let i = 0; i < connections; i++) {
    const id = `tmr_${i.toString(36).padStart(16, '0')}`
    chunk.push(`${i ? ',' : ''}"${id}":${JSON.stringify({ id, at: now + 30 * 60_000 + i, seq: i, kind: 'connection.idle', ref: connId(i) })}`)
    if (chunk.length === 5000) out(chunk.join('')), (chunk = [])
  }
  out(`${chunk.join('')}}}}}`)
  closeSync(fd)

  const efd = openSync(`${file}.events`, 'w')
  let lines = []
  for (let i = 0; i < events; i++) {
    const ms = start + Math.floor((i * 20 * DAY) / Math.max(events, 1))
    const type = i % 2 ? 'connection.connected' : 'connection.connecting'
    const data = connection(i % Math.max(connections, 1))
    const event = { id: evtId(i), object: 'event', type, data: { ...data, status: type.slice(11) }, created_at: iso(ms) }
    lines.push(`${i + 1}\t${BENCH_KEY}\t${event.id}\t${ms}\t${type}\t${JSON.stringify(event)}\n`)
    if (lines.length === 10_000) writeSync(efd, lines.join('')), (lines = [])
  }
  writeSync(efd, lines.join(''))
  closeSync(efd)
  return { key: BENCH_KEY, sourceId: SOURCE_ID, connectionId: connId(Math.floor(connections / 2)), eventId: events ? evtId(events - 1) : null }
}
