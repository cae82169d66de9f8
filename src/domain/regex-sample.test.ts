import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sampleRegex } from './regex-sample.js'
import { Rng, seedRng } from './random.js'

const PATTERNS = [
  '^ORD-[0-9]{6}$',
  '^[A-Z]{2}\\d{3,5}$',
  '^(gold|silver|bronze)$',
  '^\\w+@example\\.com$',
  '^1Z[A-Z0-9]{16}$',
  '^[a-f0-9]{8}-[a-f0-9]{4}$',
  '^\\+?[0-9 ]{7,12}$',
  '^(?:INV|CRN)-\\d{4}(-[A-Z])?$',
  '^[^\\s]{3}$',
  '[a-z]+',
  '^x.y$',
  '^[-a-z]{2,}$',
]

describe('sampleRegex', () => {
  for (const pattern of PATTERNS) {
    it(`matches ${pattern} for any seed`, () => {
      fc.assert(
        fc.property(fc.integer(), (seed) => {
          const rng = new Rng(seedRng(seed))
          expect(sampleRegex(pattern, (n) => rng.int(n))).toMatch(new RegExp(pattern))
        }),
        { numRuns: 200 },
      )
    })
  }

  it('refuses what it does not cover', () => {
    expect(() => sampleRegex('^(?=a)b$', () => 0)).toThrow()
    expect(() => sampleRegex('(a)\\1', () => 0)).toThrow()
  })
})
