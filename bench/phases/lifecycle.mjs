import { Hono } from 'hono'
import { median, startServer } from '../lib/proc.mjs'
import { BARE, CLI, NODE, row } from '../lib/common.mjs'
import { createSource, floorRequests, lifecycle } from '../lib/lifecycle.mjs'
import { addDestination, startReceiver } from '../lib/receiver.mjs'

const N = Number(process.env.BENCH_LIFECYCLES ?? 1000)
const HTTP_RUNS = 300
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]

function bareApp() {
  const app = new Hono()
  app.all('*', (c) => c.json({ id: 'conn_floor', object: 'connection', status: 'connected' }))
  return app
}

/**
 * lifecycle: 1,000 full lifecycles in-process through the library's fetch
 * (vs the same number of requests answered by a bare Hono app in-process),
 * and the per-lifecycle p50/p99 over loopback HTTP up to the signed webhook
 * (vs bare Hono over HTTP plus one POST to the same receiver).
 */
export async function lifecyclePhase() {
  const { createEmulator } = await import('../../dist/index.js')
  const emu = await createEmulator()
  const key = 'sk_test_bench_life'
  const base = 'https://api.deck.co'
  const src = await createSource(emu.fetch, base, key)
  for (let i = 0; i < 50; i++) await lifecycle(emu.fetch, base, key, src) // warm-up
  let requests = 0
  const t0 = performance.now()
  for (let i = 0; i < N; i++) requests += (await lifecycle(emu.fetch, base, key, src)).requests
  const emuMs = performance.now() - t0
  await emu.close()
  const app = bareApp()
  const bareFetch = (url, init) => app.fetch(new Request(url, init))
  await floorRequests(bareFetch, base, 500)
  const t1 = performance.now()
  await floorRequests(bareFetch, base, requests)
  const bareMs = performance.now() - t1

  // Over HTTP: what a test talking to `deck-emulator` on a port sees, up to the signed
  // `connection.connected` webhook landing on a real local receiver.
  const server = await startServer(NODE, [CLI, '--in-memory', '--port', '0'], { probe: '/_emulator/health' })
  const bare = await startServer(NODE, [BARE], { probe: '/health' })
  const receiver = await startReceiver()
  const per = []
  const floor = []
  let verified = 0
  try {
    const httpSrc = await createSource(fetch, server.url, key)
    const secret = await addDestination(server.url, key, receiver.url)
    const once = async () => {
      const t = performance.now()
      const { requests: n, id } = await lifecycle(fetch, server.url, key, httpSrc)
      const arrived = await receiver.connected(id)
      return { n, ms: Math.max(performance.now(), arrived) - t }
    }
    await once()
    receiver.verifyFirst(secret) // fail fast on a bad signature
    for (let i = 0; i < 30; i++) await once()
    const webhookBody = receiver.received.at(-1).body
    for (let i = 0; i < HTTP_RUNS; i++) {
      const { n, ms } = await once()
      per.push(ms)
      // Floor: the same number of requests to bare Hono, then one POST of the same size to the same receiver.
      const t = performance.now()
      await floorRequests(fetch, bare.url, n)
      await (await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: webhookBody })).arrayBuffer()
      floor.push(performance.now() - t)
    }
    verified = receiver.verifyAll(secret)
  } finally {
    await Promise.all([server.stop(), bare.stop(), receiver.close()])
  }
  const p50 = median(per)
  const p99 = percentile(per, 0.99)
  return [
    row('lifecycle', `${N} lifecycles in-process (create → MFA → connected, ${(requests / N).toFixed(1)} requests each)`, {
      value: emuMs,
      unit: 'ms',
      baseline: bareMs,
      baselineLabel: `${requests} requests to a bare Hono app.fetch`,
      target: '< 1,000 ms',
      pass: emuMs < 1000,
      better: 'lower',
    }),
    row('lifecycle', 'one lifecycle over loopback HTTP, p50 (create → MFA → connected → signed webhook received)', {
      value: p50,
      unit: 'ms',
      baseline: median(floor),
      baselineLabel: 'same requests to bare Hono + one same-size POST to the receiver',
      target: '< 5 ms',
      pass: p50 < 5,
      better: 'lower',
      note: `${HTTP_RUNS} runs; the clock stops when the client has seen \`connected\` and the \`connection.connected\` webhook has reached a local node:http receiver; all ${verified} webhooks verified with \`standardwebhooks\` after the timed loop`,
    }),
    row('lifecycle', 'one lifecycle over loopback HTTP, p99 (… → signed webhook received)', {
      value: p99,
      unit: 'ms',
      baseline: percentile(floor, 0.99),
      baselineLabel: 'floor p99',
      target: '(reference)',
      better: 'lower',
    }),
  ]
}
