import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeWorld } from '../lib/fixtures.mjs'
import { abRounds, hammer } from '../lib/load.mjs'
import { startServer } from '../lib/proc.mjs'
import { auth, BARE, CLI, connectionBody, NODE, row, TMP } from '../lib/common.mjs'

const CONNECTIONS = Number(process.env.BENCH_SCALE_CONNECTIONS ?? 100_000)
const EVENTS = Number(process.env.BENCH_SCALE_EVENTS ?? 1_000_000)

/**
 * scale: a file store with 100,000 connections and 1,000,000 events.
 * First open indexes the generated files; the measured restart is the next
 * one (after a clean stop), then the read/create figures, RSS, and a
 * restart after kill -9 under that write load.
 */
export async function scalePhase({ bareStartMs }) {
  const dir = join(TMP, 'scale')
  const db = join(dir, 'db.json')
  const tag = `${CONNECTIONS}/${EVENTS}`
  rmSync(dir, { recursive: true, force: true })
  const t = performance.now()
  const world = writeWorld(db, { connections: CONNECTIONS, events: EVENTS })
  writeFileSync(join(dir, 'world.txt'), tag)
  const genMs = performance.now() - t
  const args = [CLI, '--db', db, '--port', '0']
  const first = await startServer(NODE, args, { probe: '/_emulator/health' })
  await first.stop()
  const warm = await startServer(NODE, args, { probe: '/_emulator/health' })
  const restartMs = warm.readyMs
  const rssStart = warm.rssMb()
  const bare = await startServer(NODE, [BARE], { probe: '/health' })
  const bareRss = bare.rssMb()
  const headers = auth(world.key)
  const body = connectionBody(world.sourceId)
  const rows = []
  let read, create, rssRead, stored
  try {
    read = await abRounds(
      1,
      () => hammer(`${bare.url}/v2/connections/${world.connectionId}`, { headers }),
      () => hammer(`${warm.url}/v2/connections/${world.connectionId}`, { headers }),
    )
    rssRead = warm.rssMb() // the stated world (100k connections, 1M events), after a read load
    create = await abRounds(
      1,
      () => hammer(`${bare.url}/v2/connections`, { method: 'POST', headers, body }),
      () => hammer(`${warm.url}/v2/connections`, { method: 'POST', headers, body }),
    )
    const list = await fetch(`${warm.url}/v2/connections?external_id=cust_4242`, { headers }).then((r) => r.json())
    if (list.data?.length !== 1) throw new Error(`external_id lookup returned ${JSON.stringify(list).slice(0, 200)}`)
    stored = CONNECTIONS + create.b.total // at least: the warm-up second created more
  } finally {
    await bare.stop()
  }
  const rssAfter = warm.rssMb()
  warm.child.kill('SIGKILL')
  await new Promise((r) => warm.child.once('exit', r))
  const crashed = await startServer(NODE, args, { probe: '/_emulator/health' })
  await crashed.stop()
  const label = `${(CONNECTIONS / 1000).toFixed(0)}k connections, ${(EVENTS / 1e6).toFixed(1)}M events`
  rows.push(
    row('scale', `RSS after restart + read load (${label})`, {
      value: rssRead,
      unit: 'MB',
      baseline: bareRss,
      baselineLabel: 'bare Hono server RSS',
      target: '< 500 MB',
      pass: rssRead < 500,
      better: 'lower',
      note: `${Math.round(rssStart)} MB right after start; ${Math.round(rssAfter)} MB after the create load too, which added over ${Math.round((stored - CONNECTIONS) / 1000)}k connections with their logins, timers and 3 events each (V8 keeps the heap it grew)`,
    }),
    row('scale', `restart → first 200 (${label})`, {
      value: restartMs,
      unit: 'ms',
      baseline: bareStartMs,
      baselineLabel: 'bare Hono start',
      target: '< 3,000 ms',
      pass: restartMs < 3000,
      better: 'lower',
      note: `first open of the generated files (full event scan): ${Math.round(first.readyMs)} ms; world generated in ${Math.round(genMs)} ms`,
    }),
    row('scale', `restart after kill -9 under write load (${label})`, {
      value: crashed.readyMs,
      unit: 'ms',
      baseline: bareStartMs,
      baselineLabel: 'bare Hono start',
      target: '(reference)',
      pass: undefined,
      better: 'lower',
      note: 'replays the WAL and scans the events written since the last index checkpoint',
    }),
    row('scale', `GET /v2/connections/{id} (${label})`, {
      value: read.b.rps,
      unit: 'req/s',
      baseline: read.a.rps,
      baselineLabel: 'bare Hono JSON route',
      target: '≥ 0.8× baseline',
      pass: read.b.rps / read.a.rps >= 0.8,
    }),
    row('scale', `POST /v2/connections (${label})`, {
      value: create.b.rps,
      unit: 'req/s',
      baseline: create.a.rps,
      baselineLabel: 'bare Hono POST route',
      target: '≥ 2,000 req/s',
      pass: create.b.rps >= 2000,
      note: `errors ${create.b.errors + create.b.non2xx}`,
    }),
    row('scale', `POST /v2/connections p99 (${label})`, {
      value: create.b.p99,
      unit: 'ms',
      baseline: create.a.p99,
      baselineLabel: 'bare Hono POST p99',
      target: '< 50 ms',
      pass: create.b.p99 < 50,
      better: 'lower',
    }),
  )
  return rows
}
