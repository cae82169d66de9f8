import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { row } from '../lib/common.mjs'
import { createSource, floorRequests, lifecycle } from '../lib/lifecycle.mjs'

const N = Number(process.env.BENCH_LIFECYCLES ?? 1000)
const BASE = 'https://api.deck.co'

/** The adapter of src/adapters/msw.ts if built, else the one-liner it wraps. */
async function deckHandlers(emulator) {
  try {
    const mod = await import('../../dist/adapters/msw.js')
    if (typeof mod.deckHandlers === 'function') return { handlers: await mod.deckHandlers({ emulator }), label: 'deck-emulator/msw deckHandlers()' }
  } catch {
    // not on this branch yet
  }
  return { handlers: [http.all(`${BASE}/*`, ({ request }) => emulator.fetch(request))], label: "local adapter http.all('https://api.deck.co/*', ({request}) => emulator.fetch(request))" }
}

/**
 * msw: 1,000 lifecycles through msw's interception into the emulator vs the
 * same number of requests answered by a trivial msw handler (msw's floor).
 */
export async function mswPhase() {
  const { createEmulator } = await import('../../dist/index.js')
  const floorServer = setupServer(http.all(`${BASE}/*`, () => HttpResponse.json({ id: 'conn_floor', object: 'connection', status: 'connected' })))
  const emulator = await createEmulator()
  const { handlers, label } = await deckHandlers(emulator)
  const emuServer = setupServer(...handlers)
  const key = 'sk_test_bench_msw'
  const emuRuns = []
  const floorRuns = []
  let requests = 0
  emuServer.listen({ onUnhandledRequest: 'error' })
  const src = await createSource(fetch, BASE, key)
  for (let i = 0; i < 30; i++) await lifecycle(fetch, BASE, key, src)
  emuServer.close()
  for (let round = 0; round < 2; round++) {
    emuServer.listen({ onUnhandledRequest: 'error' })
    requests = 0
    let t = performance.now()
    for (let i = 0; i < N; i++) requests += await lifecycle(fetch, BASE, key, src)
    emuRuns.push(performance.now() - t)
    emuServer.close()
    floorServer.listen({ onUnhandledRequest: 'error' })
    if (round === 0) await floorRequests(fetch, BASE, 200)
    t = performance.now()
    await floorRequests(fetch, BASE, requests)
    floorRuns.push(performance.now() - t)
    floorServer.close()
  }
  await emulator.close()
  const emuMs = emuRuns.reduce((a, b) => a + b) / emuRuns.length
  const floorMs = floorRuns.reduce((a, b) => a + b) / floorRuns.length
  return [
    row('msw', `${N} lifecycles through msw (${requests} requests)`, {
      value: emuMs, unit: 'ms', baseline: floorMs, baselineLabel: `${requests} requests to a trivial msw handler`, target: '≤ 1.5× baseline',
      pass: emuMs / floorMs <= 1.5, better: 'lower', note: `${label}; msw floor ${(floorMs / requests).toFixed(3)} ms/request`,
    }),
  ]
}
