import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { row } from '../lib/common.mjs'
import { floorRequests, lifecycle } from '../lib/lifecycle.mjs'

const N = Number(process.env.BENCH_LIFECYCLES ?? 1000)
const BASE = 'https://api.deck.co'

/**
 * msw: 1,000 lifecycles through msw's interception into the real adapter
 * (`deckHandlers()` of deck-emulator/msw, as a user sets it up) vs the same
 * number of requests answered by a trivial msw handler (msw's own floor).
 * Three rounds alternate, so both sides see the same machine load; their means are compared.
 */
export async function mswPhase() {
  const { deckHandlers } = await import('../../dist/adapters/msw.js')
  const floorServer = setupServer(http.all(`${BASE}/*`, () => HttpResponse.json({ id: 'conn_floor', object: 'connection', status: 'connected' })))
  const key = 'sk_test_bench_msw'
  const deck = deckHandlers({ baseUrl: BASE, apiKey: key })
  const emuServer = setupServer(...deck)
  const emuRuns = []
  const floorRuns = []
  let requests = 0
  try {
    // Setup through the adapter's own client (never through msw), then warm up through msw.
    const src = (await deck.client(key).sources.create({ url: 'https://bank.example.com' })).id
    emuServer.listen({ onUnhandledRequest: 'error' })
    for (let i = 0; i < 100; i++) await lifecycle(fetch, BASE, key, src) // JIT warm-up, like the floor's 200 requests
    emuServer.close()
    for (let round = 0; round < 3; round++) {
      emuServer.listen({ onUnhandledRequest: 'error' })
      requests = 0
      let t = performance.now()
      for (let i = 0; i < N; i++) requests += (await lifecycle(fetch, BASE, key, src)).requests
      emuRuns.push(performance.now() - t)
      emuServer.close()
      floorServer.listen({ onUnhandledRequest: 'error' })
      if (round === 0) await floorRequests(fetch, BASE, 200)
      t = performance.now()
      await floorRequests(fetch, BASE, requests)
      floorRuns.push(performance.now() - t)
      floorServer.close()
    }
  } finally {
    emuServer.close()
    floorServer.close()
    await deck.close()
  }
  const emuMs = emuRuns.reduce((a, b) => a + b) / emuRuns.length
  const floorMs = floorRuns.reduce((a, b) => a + b) / floorRuns.length
  return [
    row('msw', `${N} lifecycles through msw with deckHandlers() (${requests} requests)`, {
      value: emuMs,
      unit: 'ms',
      baseline: floorMs,
      baselineLabel: `${requests} requests to a trivial msw handler`,
      target: '≤ 1.5× baseline',
      pass: emuMs / floorMs <= 1.5,
      better: 'lower',
      note: `setupServer(...deckHandlers({ baseUrl })) from deck-emulator/msw (default manual clock, in memory); msw floor ${(floorMs / requests).toFixed(3)} ms/request`,
    }),
  ]
}
