import { describe, expect, it } from 'vitest'
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth.js'

const nest = (n: number): unknown => JSON.parse('['.repeat(n) + ']'.repeat(n))

describe('jsonDepthExceeds', () => {
  it('accepts up to the limit and refuses one more', () => {
    expect(jsonDepthExceeds(nest(MAX_JSON_DEPTH))).toBe(false)
    expect(jsonDepthExceeds(nest(MAX_JSON_DEPTH + 1))).toBe(true)
    expect(jsonDepthExceeds({ a: { b: [1, { c: 2 }] } }, 3)).toBe(true)
    expect(jsonDepthExceeds({ a: { b: [1, 2] } }, 3)).toBe(false)
    expect(jsonDepthExceeds('x')).toBe(false)
  })

  it('does not overflow the stack on 100,000 levels', () => {
    expect(jsonDepthExceeds(nest(100_000))).toBe(true)
  })
})
