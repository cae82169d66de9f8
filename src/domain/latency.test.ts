import { describe, expect, it } from 'vitest'
import { isRandomDelay, maxDelay, sampleDelay, type DelaySpec } from './latency.js'
import { Rng, seedRng } from './random.js'

const samples = (spec: DelaySpec, cap: number, n = 2000, seed = 'latency') => {
  const rng = new Rng(seedRng(seed))
  return Array.from({ length: n }, () => sampleDelay(spec, rng, cap))
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

describe('sampleDelay', () => {
  it('a fixed delay is itself, draws nothing, and is capped', () => {
    const rng = new Rng(seedRng('x'))
    const before = [...rng.state]
    expect(sampleDelay(250, rng, 60_000)).toBe(250)
    expect(sampleDelay(90_000, rng, 60_000)).toBe(60_000)
    expect(rng.state).toEqual(before)
    expect(isRandomDelay(250)).toBe(false)
  })

  it('uniform samples stay within [lo, hi], whole ms, and spread over the range', () => {
    const xs = samples({ uniform: [50, 300] }, 60_000)
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(50)
    expect(Math.max(...xs)).toBeLessThanOrEqual(300)
    expect(xs.every(Number.isInteger)).toBe(true)
    expect(Math.min(...xs)).toBeLessThan(60)
    expect(Math.max(...xs)).toBeGreaterThan(290)
  })

  it('lognormal samples centre on the median and never pass the cap or their own max', () => {
    const xs = samples({ lognormal: { median: 100, sigma: 0.5 } }, 60_000)
    expect(median(xs)).toBeGreaterThan(90)
    expect(median(xs)).toBeLessThan(110)
    expect(xs.every((x) => x >= 0 && Number.isInteger(x))).toBe(true)
    const heavy = samples({ lognormal: { median: 1000, sigma: 3 } }, 5000)
    expect(Math.max(...heavy)).toBe(5000) // the tail is cut at the cap, not left to hang a test
    const ownMax = samples({ lognormal: { median: 1000, sigma: 3, max: 2000 } }, 60_000)
    expect(Math.max(...ownMax)).toBe(2000)
    expect(maxDelay({ lognormal: { median: 1000, sigma: 3, max: 2000 } }, 60_000)).toBe(2000)
  })

  it('the same seed gives the same samples; another seed other ones', () => {
    const spec: DelaySpec = { uniform: [0, 10_000] }
    expect(samples(spec, 60_000, 20, 'a')).toEqual(samples(spec, 60_000, 20, 'a'))
    expect(samples(spec, 60_000, 20, 'b')).not.toEqual(samples(spec, 60_000, 20, 'a'))
  })
})
