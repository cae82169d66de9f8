import { describe, expect, it } from 'vitest'
import { DURATION_GRAMMAR, durationProblem, parseDuration, requireDuration } from './duration.js'

describe('parseDuration', () => {
  it.each([
    ['150ms', 150],
    ['5s', 5000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1.5s', 1500],
    [250, 250],
    ['1m59s', 119_000],
    ['1h30m', 5_400_000],
    ['2d12h', 216_000_000],
    ['1h 30m', 5_400_000],
    ['1m30s500ms', 90_500],
    ['1m1.5s', 61_500],
  ] as const)('parses %s', (input, ms) => expect(parseDuration(input)).toBe(ms))

  it.each(['', '5', 'five seconds', '-1s', '1w', '1 s s', '99999999999999999999d', '36501d', 1e300, '30s1m', '1m1m', '1.5m30s', '1m5', 'm', '1h30', '1ms1s'])(
    'rejects %j',
    (input) => expect(parseDuration(input)).toBeUndefined(),
  )

  it('states the grammar in the message for a bad value', () => {
    expect(durationProblem('30s1m')).toContain('"30s1m"')
    expect(durationProblem('30s1m')).toContain(DURATION_GRAMMAR)
    expect(DURATION_GRAMMAR).toContain('1m30s')
  })

  it('gives library options the same message as scenarios, naming the option', () => {
    expect(requireDuration('1m30s', 'webhooks.timeout')).toBe(90_000)
    expect(() => requireDuration('soon', 'webhooks.timeout')).toThrow(new TypeError(`webhooks.timeout: ${durationProblem('soon')}`))
    expect(() => requireDuration('30s1m')).toThrow(new TypeError(durationProblem('30s1m')))
  })
})
