import { abRounds, hammer, LOAD } from '../lib/load.mjs'
import { startServer } from '../lib/proc.mjs'
import { auth, BARE, call, CLI, connectionBody, NODE, row } from '../lib/common.mjs'
import { findWrk, wrkRun } from '../lib/wrk.mjs'

/** read: GET /v2/connections/{id} on the emulator (in memory) vs the same route on bare Hono. */
export async function readPhase() {
  const key = 'sk_test_bench_read'
  const bare = await startServer(NODE, [BARE], { probe: '/health' })
  const emu = await startServer(NODE, [CLI, '--in-memory', '--port', '0'], { probe: '/_emulator/health' })
  try {
    const src = (await call(emu.url, '/v2/sources', key, { method: 'POST', body: { type: 'website', website: { url: 'https://bank.example.com' } } })).id
    const conn = (await call(emu.url, '/v2/connections', key, { method: 'POST', body: connectionBody(src) })).id
    const headers = auth(key)
    const { a, b } = await abRounds(
      2,
      () => hammer(`${bare.url}/v2/connections/${conn}`, { headers }),
      () => hammer(`${emu.url}/v2/connections/${conn}`, { headers }),
    )
    const rows = [
      row('read', 'GET /v2/connections/{id} (in memory)', {
        value: b.rps,
        unit: 'req/s',
        baseline: a.rps,
        baselineLabel: 'bare Hono JSON route',
        target: '≥ 0.8× baseline',
        pass: b.rps / a.rps >= 0.8,
        note: `p99 ${b.p99} ms vs ${a.p99} ms; errors ${b.errors + b.non2xx}`,
      }),
    ]
    // The same A/B with a second load generator, when wrk is installed (it is not an npm package).
    const wrk = findWrk()
    if (wrk) {
      const w = await abRounds(
        2,
        async () => wrkRun(wrk, `${bare.url}/v2/connections/${conn}`, headers),
        async () => wrkRun(wrk, `${emu.url}/v2/connections/${conn}`, headers),
      )
      rows.push(
        row('read', 'GET /v2/connections/{id} (in memory), cross-check with wrk', {
          value: w.b.rps,
          unit: 'req/s',
          baseline: w.a.rps,
          baselineLabel: 'bare Hono JSON route (wrk)',
          target: '≥ 0.8× baseline',
          pass: w.b.rps / w.a.rps >= 0.8,
          note: `wrk -t1 -c${LOAD.connections}, alternated with the baseline: a native load generator, so the servers rather than the generator are the bottleneck; non-2xx ${w.b.non2xx}`,
        }),
      )
    }
    return rows
  } finally {
    await Promise.all([bare.stop(), emu.stop()])
  }
}
