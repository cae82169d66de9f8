import { describe, expect, it } from 'vitest'
import { ScreenshotStore } from './screenshots.js'

const shot = (step: string) => ({ step, url: 'http://x/', taken_at: '2026-01-01T00:00:00.000Z', png: new Uint8Array([1]) })

describe('ScreenshotStore', () => {
  it('keeps the newest 30 per connection, per tenant', () => {
    const store = new ScreenshotStore()
    for (let i = 0; i < 35; i++) store.add('k1', 'conn_a', shot(`s${i}`))
    expect(store.list('k1', 'conn_a').map((s) => s.step)).toEqual(Array.from({ length: 30 }, (_, i) => `s${i + 5}`))
    expect(store.list('k2', 'conn_a')).toEqual([])
  })

  it('forgets the least recently written connections past 500', () => {
    const store = new ScreenshotStore()
    for (let i = 0; i < 501; i++) store.add('k', `conn_${i}`, shot('x'))
    expect(store.list('k', 'conn_0')).toEqual([])
    expect(store.list('k', 'conn_500')).toHaveLength(1)
  })
})
