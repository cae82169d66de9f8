import { execFileSync } from 'node:child_process'
import { LOAD } from './load.mjs'

/** wrk's path when it is installed (`apt install wrk`): a second, native load generator to cross-check autocannon. */
export function findWrk() {
  try {
    return execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).trim() || undefined
  } catch {
    return undefined
  }
}

/**
 * One wrk run (1 thread, the same connection count as autocannon, after a 1 s
 * warm-up): req/s and the non-2xx count. wrk is written in C and needs far less
 * CPU than autocannon, so on 2 shared cores the servers, not the load
 * generator, are the bottleneck: the stricter reading of a ratio.
 */
export function wrkRun(wrk, url, headers, seconds = LOAD.seconds) {
  const args = ['-t1', `-c${LOAD.connections}`, ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url]
  execFileSync(wrk, ['-d1s', ...args], { encoding: 'utf8' })
  const out = execFileSync(wrk, [`-d${seconds}s`, ...args], { encoding: 'utf8' })
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN)
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0)
  const errors = /Socket errors:.*/.exec(out)?.[0]
  return { rps, non2xx, errors }
}
