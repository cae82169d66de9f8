import { describe, expect, it } from 'vitest'
import { durationProblem } from './domain/duration.js'
import { resolveRateLimit } from './emulator-options.js'
import { resolveWebhookConfig } from './webhooks/install.js'

// Library options accept durations like scenarios do, and refuse a bad one with the same message.
describe('duration options', () => {
  it('reads rateLimit.per and the webhook durations as durations', () => {
    expect(resolveRateLimit({ requests: 5, per: '1m' })).toEqual({ requests: 5, per: 60_000 })
    expect(resolveWebhookConfig({ retrySchedule: ['1s', 250], timeout: '2s' })).toEqual({ retrySchedule: [1000, 250], timeoutMs: 2000 })
  })

  it('refuses a bad duration naming the option, instead of a silent default', () => {
    expect(() => resolveRateLimit({ requests: 5, per: 'soon' })).toThrow(`rateLimit.per: ${durationProblem('soon')}`)
    expect(() => resolveWebhookConfig({ timeout: '5 seconds' })).toThrow(`webhooks.timeout: ${durationProblem('5 seconds')}`)
    expect(() => resolveWebhookConfig({ retrySchedule: ['1s', 'x'] })).toThrow(`webhooks.retrySchedule: ${durationProblem('x')}`)
  })
})
