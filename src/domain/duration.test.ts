import { describe, expect, it } from 'vitest'
import { formatDuration, parseDuration } from './duration.js'

describe('parseDuration', () => {
  it.each([
    ['150ms', 150], ['5s', 5000], ['10m', 600_000], ['1h', 3_600_000], ['1d', 86_400_000], ['1.5s', 1500], [250, 250],
  ] as const)('parses %s', (input, ms) => expect(parseDuration(input)).toBe(ms))

  it.each(['', '5', 'five seconds', '-1s', '1w', '1 s s', '99999999999999999999d', '36501d', 1e300])('rejects %j', (input) => expect(parseDuration(input)).toBeUndefined())

  it('formats round durations with the largest unit', () => {
    expect(formatDuration(120_000)).toBe('2m')
    expect(formatDuration(1500)).toBe('1500ms')
  })
})
