import { join } from 'node:path'
import { writeWorld } from '../lib/fixtures.mjs'
import { abRounds, hammer } from '../lib/load.mjs'
import { startServer } from '../lib/proc.mjs'
import { auth, BARE, CLI, connectionBody, NODE, ROOT, row, TMP } from '../lib/common.mjs'

/**
 * create: POST /v2/connections with file storage holding 10,000 connections
 * (every create runs its login: 3 events, timers, all durable before the
 * answer) vs bare Hono parsing the body; plus the naive lowdb design for reference.
 */
export async function createPhase() {
  const db = join(TMP, 'create', 'db.json')
  const world = writeWorld(db, { connections: 10_000, events: 30_000 })
  const bare = await startServer(NODE, [BARE], { probe: '/health' })
  const emu = await startServer(NODE, [CLI, '--db', db, '--port', '0'], { probe: '/_emulator/health' })
  const headers = auth(world.key)
  const body = connectionBody(world.sourceId)
  const rows = []
  try {
    const { a, b } = await abRounds(
      2,
      () => hammer(`${bare.url}/v2/connections`, { method: 'POST', headers, body }),
      () => hammer(`${emu.url}/v2/connections`, { method: 'POST', headers, body }),
    )
    rows.push(
      row('create', 'POST /v2/connections, file storage, 10k stored', {
        value: b.rps,
        unit: 'req/s',
        baseline: a.rps,
        baselineLabel: 'bare Hono POST route (no storage)',
        target: '≥ 2,000 req/s',
        pass: b.rps >= 2000,
        note: `errors ${b.errors + b.non2xx}`,
      }),
    )
    rows.push(
      row('create', 'POST /v2/connections p99, file storage, 10k stored', {
        value: b.p99,
        unit: 'ms',
        baseline: a.p99,
        baselineLabel: 'bare Hono POST p99',
        target: '< 50 ms',
        pass: b.p99 < 50,
        better: 'lower',
      }),
    )
    const read = await abRounds(
      2,
      () => hammer(`${bare.url}/v2/connections/${world.connectionId}`, { headers }),
      () => hammer(`${emu.url}/v2/connections/${world.connectionId}`, { headers }),
    )
    rows.push(
      row('create', 'GET /v2/connections/{id}, file storage, 10k stored', {
        value: read.b.rps,
        unit: 'req/s',
        baseline: read.a.rps,
        baselineLabel: 'bare Hono JSON route',
        target: '≥ 0.8× baseline',
        pass: read.b.rps / read.a.rps >= 0.8,
      }),
    )
    await emu.stop()
    const naive = await startServer(NODE, [join(ROOT, 'bench/targets/lowdb-naive.mjs'), join(TMP, 'create', 'naive.json'), '10000'], { probe: '/health' })
    try {
      const n = await hammer(`${naive.url}/v2/connections`, { method: 'POST', headers, body })
      rows.push(
        row('create', 'reference: naive lowdb (whole file per write), 10k stored', {
          value: n.rps,
          unit: 'req/s',
          baseline: a.rps,
          baselineLabel: 'bare Hono POST route',
          target: '(reference)',
          pass: undefined,
          note: `p99 ${n.p99} ms`,
        }),
      )
    } finally {
      await naive.stop()
    }
  } finally {
    await Promise.all([bare.stop(), emu.stop()])
  }
  return rows
}
