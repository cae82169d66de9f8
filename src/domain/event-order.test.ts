import { describe, expect, it } from 'vitest'
import { eventTime } from './event-order.js'

describe('eventTime', () => {
  it('is the clock when it moved past the last event', () => {
    expect(eventTime(5000, undefined)).toBe(5000)
    expect(eventTime(5000, 4000)).toBe(5000)
  })
  it('is 1 ms after the last event in the same instant (or just before it)', () => {
    expect(eventTime(5000, 5000)).toBe(5001)
    expect(eventTime(5000, 5001)).toBe(5002)
  })
  it('follows a clock set back on purpose', () => {
    expect(eventTime(5000, 60_000)).toBe(5000)
  })
})
