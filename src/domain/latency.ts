/**
 * Latency as a fault writes it: a fixed delay, or a distribution sampled per
 * request (WireMock's uniform and log-normal delays). Every sample is whole
 * milliseconds within [0, cap]: the callers wait it in real time (API faults)
 * or on the tenant clock (webhook faults), and a tail draw must never hang a
 * test suite.
 */
export type DelaySpec = number | { uniform: [number, number] } | { lognormal: { median: number; sigma: number; max?: number | undefined } }

/** Anything with a `next()` in [0, 1): the tenant's seeded chaos stream (domain/random.ts). */
export interface UniformSource {
  next(): number
}

/** True when sampling draws from the stream (a fixed delay does not, so it never shifts the sequence). */
export function isRandomDelay(spec: DelaySpec): boolean {
  return typeof spec !== 'number'
}

/** One sample of `spec`, in whole ms, clamped to [0, cap] (and to a lognormal's own `max`). */
export function sampleDelay(spec: DelaySpec, rng: UniformSource, cap: number): number {
  if (typeof spec === 'number') return clamp(spec, cap)
  if ('uniform' in spec) {
    const [lo, hi] = spec.uniform
    return clamp(lo + rng.next() * (hi - lo), cap)
  }
  const { median, sigma, max } = spec.lognormal
  // ln X ~ N(ln median, sigma²): median · e^(sigma·z), z standard normal (Box–Muller).
  const u1 = 1 - rng.next() // (0, 1]: log(0) would be -Infinity
  const u2 = rng.next()
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
  return clamp(median * Math.exp(sigma * z), Math.min(cap, max ?? cap))
}

function clamp(ms: number, cap: number): number {
  if (!(ms > 0)) return 0
  return Math.min(Math.round(ms), Math.floor(cap))
}

/** The largest delay `spec` can produce under `cap` (validation messages, docs). */
export function maxDelay(spec: DelaySpec, cap: number): number {
  if (typeof spec === 'number') return Math.min(spec, cap)
  if ('uniform' in spec) return Math.min(spec.uniform[1], cap)
  return Math.min(spec.lognormal.max ?? cap, cap)
}
