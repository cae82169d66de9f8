import autocannon from 'autocannon'

/** Load generator settings shared by every HTTP phase (loopback only). */
export const LOAD = { connections: 50, seconds: Number(process.env.BENCH_SECONDS ?? 6), warmup: 1 }

/**
 * One autocannon run. `setupClient` lets a phase vary bodies per request.
 * Returns req/s (mean over the run), p50/p99 latency (ms) and error counts.
 */
export async function hammer(url, { method = 'GET', headers = {}, body, seconds = LOAD.seconds, connections = LOAD.connections } = {}) {
  if (LOAD.warmup) await autocannon({ url, method, headers, body, connections, duration: LOAD.warmup })
  const r = await autocannon({ url, method, headers, body, connections, duration: seconds })
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  }
}

/**
 * A and B alternated (A, B, A, B): the machine is shared and noisy, so the
 * baseline is measured next to the target each time; rounds are averaged.
 */
export async function abRounds(rounds, runA, runB) {
  const a = []
  const b = []
  for (let i = 0; i < rounds; i++) {
    a.push(await runA())
    b.push(await runB())
  }
  return { a: mean(a), b: mean(b) }
}

function mean(results) {
  const avg = (k) => results.reduce((s, r) => s + r[k], 0) / results.length
  return { rps: avg('rps'), p50: avg('p50'), p99: Math.max(...results.map((r) => r.p99)), total: avg('total'), non2xx: avg('non2xx'), errors: avg('errors') }
}
