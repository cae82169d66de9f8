import { describe, expect, it } from 'vitest'
import { trackTenant, unwrap } from './tracker.js'

function tracked() {
  const raw = { clock: { now: 1 }, rng: [1, 2], seq: 0, items: {} as Record<string, { tags: string[]; n: number }>, list: [1] }
  const marks: string[] = []
  const data = trackTenant(raw, { deep: true, untracked: new Set(['rng']), dirty: (f, k) => marks.push(k === undefined ? f : `${f}/${k}`) })
  return { raw, data, marks }
}

describe('change tracker', () => {
  it('marks records for changes at any depth, and whole fields for the rest', () => {
    const { data, marks } = tracked()
    data.items.a = { tags: [], n: 0 }
    data.items.a.tags.push('x')
    data.items.a.n++
    data.clock.now = 2
    data.seq++
    data.list.push(2)
    delete data.items.a
    data.rng[0] = 9 // untracked: written with every commit instead
    expect([...new Set(marks)]).toEqual(['items/a', 'clock/now', 'seq', 'list'])
  })

  it('stores raw values: proxies copied into another record are unwrapped', () => {
    const { raw, data } = tracked()
    data.items.a = { tags: ['t'], n: 1 }
    data.items.b = { ...data.items.a } // the spread copies a proxy of `tags`
    expect(unwrap(raw.items.b!.tags)).toBe(raw.items.b!.tags)
    expect(raw.items.b!.tags).toBe(raw.items.a!.tags)
    expect(() => structuredClone(raw)).not.toThrow()
  })

  it('memory mode: no proxies except for collections with a listener', () => {
    const raw: { a: Record<string, { n: number }>; b: { y: number } } = { a: { x: { n: 1 } }, b: { y: 1 } }
    const seen: string[] = []
    const listeners = new Map([['a', { change: (id: string) => seen.push(id), reset: () => seen.push('reset') }]])
    const data = trackTenant(raw, { deep: false, listeners })
    expect(data.b).toBe(raw.b)
    expect(data.a.x).toBe(raw.a.x)
    data.a.z = { n: 2 }
    data.a = {}
    expect(seen).toEqual(['z', 'reset'])
  })
})
