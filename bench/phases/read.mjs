import { abRounds, hammer } from '../lib/load.mjs'
import { startServer } from '../lib/proc.mjs'
import { auth, BARE, call, CLI, connectionBody, NODE, row } from '../lib/common.mjs'

/** read: GET /v2/connections/{id} on the emulator (in memory) vs the same route on bare Hono. */
export async function readPhase() {
  const key = 'sk_test_bench_read'
  const bare = await startServer(NODE, [BARE], { probe: '/health' })
  const emu = await startServer(NODE, [CLI, '--in-memory', '--port', '0'], { probe: '/_emulator/health' })
  try {
    const src = (await call(emu.url, '/v2/sources', key, { method: 'POST', body: { type: 'website', website: { url: 'https://bank.example.com' } } })).id
    const conn = (await call(emu.url, '/v2/connections', key, { method: 'POST', body: connectionBody(src) })).id
    const headers = auth(key)
    const { a, b } = await abRounds(2, () => hammer(`${bare.url}/v2/connections/${conn}`, { headers }), () => hammer(`${emu.url}/v2/connections/${conn}`, { headers }))
    return [
      row('read', 'GET /v2/connections/{id} (in memory)', {
        value: b.rps, unit: 'req/s', baseline: a.rps, baselineLabel: 'bare Hono JSON route', target: '≥ 0.8× baseline',
        pass: b.rps / a.rps >= 0.8, note: `p99 ${b.p99} ms vs ${a.p99} ms; errors ${b.errors + b.non2xx}`,
      }),
    ]
  } finally {
    await Promise.all([bare.stop(), emu.stop()])
  }
}
