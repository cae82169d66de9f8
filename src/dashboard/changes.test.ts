import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MemoryEventStore } from '../store/event-store.js'
import type { Tenant } from '../tenant/tenant.js'
import { ChangeFeed } from './changes.js'

describe('ChangeFeed', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  const world = () => {
    const data = {
      key: 'sk_test_feed',
      connections: {} as Record<string, { updated_at: string }>,
      clock: { mode: 'manual', now: 0, offset: 0 },
      scenario: null,
    }
    const tenant = { data, events: new MemoryEventStore([]) } as unknown as Tenant
    let fingerprints = 0
    const feed = new ChangeFeed(() => (fingerprints++, tenant), 50)
    return { data, feed, fingerprints: () => fingerprints }
  }

  it('coalesces a burst of pokes into one check, and tells listeners only when something moved', () => {
    const { data, feed, fingerprints } = world()
    const heard = vi.fn()
    feed.subscribe('sk_test_feed', heard)
    const before = fingerprints()
    data.connections.conn_1 = { updated_at: '2026-01-01T00:00:00.000Z' }
    for (let i = 0; i < 1000; i++) feed.poke('sk_test_feed')
    expect(heard).not.toHaveBeenCalled()
    vi.advanceTimersByTime(50)
    expect(heard).toHaveBeenCalledTimes(1)
    expect(fingerprints() - before).toBe(1)
    feed.poke('sk_test_feed') // nothing changed since
    vi.advanceTimersByTime(50)
    expect(heard).toHaveBeenCalledTimes(1)
  })

  it('a forced poke in the burst notifies even without a visible change; no listener, no work', () => {
    const { feed, fingerprints } = world()
    feed.poke('sk_test_feed')
    vi.advanceTimersByTime(100)
    expect(fingerprints()).toBe(0)
    const heard = vi.fn()
    feed.subscribe('sk_test_feed', heard)
    feed.poke('sk_test_feed')
    feed.poke('sk_test_feed', true)
    vi.advanceTimersByTime(50)
    expect(heard).toHaveBeenCalledTimes(1)
    feed.close()
    feed.poke('sk_test_feed', true)
    vi.advanceTimersByTime(100)
    expect(heard).toHaveBeenCalledTimes(1)
  })
})
