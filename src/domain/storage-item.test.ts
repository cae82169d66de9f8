import { describe, expect, it } from 'vitest'
import { reasoningAt, SCREENSHOT_CAP, screenshotCount } from './storage-item.js'

describe('screenshots of a run', () => {
  it('one per 5 s of runtime, at least one, capped', () => {
    expect(screenshotCount(0)).toBe(1)
    expect(screenshotCount(4999)).toBe(1)
    expect(screenshotCount(5000)).toBe(2)
    expect(screenshotCount(12_000)).toBe(3)
    expect(screenshotCount(-5)).toBe(1)
    expect(screenshotCount(10 * 3600 * 1000)).toBe(SCREENSHOT_CAP)
  })

  it('reasoning: the last scripted text at or before the moment, else a generated line', () => {
    const notes = {
      reasoning: [
        { at_ms: 0, text: 'a' },
        { at_ms: 7000, text: 'b' },
      ],
    }
    expect([0, 5000, 10_000].map((at, n) => reasoningAt(notes, n, at))).toEqual(['a', 'a', 'b'])
    expect(reasoningAt({ reasoning: [{ at_ms: 6000, text: 'late' }] }, 0, 0)).not.toBe('late')
    expect(reasoningAt(undefined, 1, 5000)).toMatch(/\w{10,}/)
  })
})
