import { describe, expect, it } from 'vitest'
import { clockNow, initialClock, type Clock } from '../domain/clock.js'
import { screenshotTaker, type ShotPage } from './screenshot-taker.js'
import { ScreenshotStore } from './screenshots.js'

const page = (png: Uint8Array | Error): ShotPage => ({
  screenshot: (async () => {
    if (png instanceof Error) throw png
    return png
  }) as unknown as ShotPage['screenshot'],
  url: () => 'http://127.0.0.1/_sources/src_a/step',
})

describe('screenshotTaker', () => {
  it('stamps a screenshot with the tenant clock, not the wall clock', async () => {
    const real: Clock = { now: () => Date.parse('2031-06-01T12:00:00.000Z') }
    const clock = initialClock('manual', real, Date.parse('2020-02-02T02:02:02.000Z'))
    const store = new ScreenshotStore()
    await screenshotTaker(
      store,
      'sk_test_k',
      'conn_a',
      () => new Date(clockNow(clock, real)).toISOString(),
      () => page(new Uint8Array([1])),
    )('credentials_filled')
    expect(store.list('sk_test_k', 'conn_a')).toMatchObject([
      { step: 'credentials_filled', url: 'http://127.0.0.1/_sources/src_a/step', taken_at: '2020-02-02T02:02:02.000Z' },
    ])
  })

  it('keeps nothing when the page is gone or the screenshot fails', async () => {
    const store = new ScreenshotStore()
    await screenshotTaker(
      store,
      'k',
      'conn_a',
      () => 'now',
      () => undefined,
    )('x')
    await screenshotTaker(
      store,
      'k',
      'conn_a',
      () => 'now',
      () => page(new Error('closed')),
    )('y')
    expect(store.list('k', 'conn_a')).toEqual([])
  })
})
