import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Timer } from '../store/data.js'
import { TimerQueue } from './timer-queue.js'

describe('TimerQueue', () => {
  it('always peeks the earliest timer (due time, then insertion order) under random adds and removals', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { maxLength: 60 }), fc.integer({ min: 0, max: 10 }), (ops, preload) => {
        const stored: Record<string, Timer> = {}
        let seq = 0
        const make = (at: number): Timer => ({ id: `t${seq}`, at, seq: seq++, kind: 'k', ref: `r${at % 3}` })
        for (let i = 0; i < preload; i++) {
          const t = make((i * 7) % 11)
          stored[t.id] = t
        }
        const queue = new TimerQueue(stored)
        const model = new Set(Object.values(stored))
        for (const [at, removeFirst] of ops) {
          if (removeFirst && queue.peek()) {
            model.delete(queue.peek()!)
            queue.remove(queue.peek()!)
          } else if (at % 5 === 0) {
            for (const t of [...model]) if (t.ref === `r${at % 3}`) model.delete(t)
            queue.cancel(`r${at % 3}`)
          } else {
            const t = make(at)
            model.add(t)
            queue.add(t)
          }
          const expected = [...model].sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
          expect(queue.peek()).toBe(expected)
          expect(queue.size).toBe(model.size)
          expect(Object.keys(stored).length).toBe(model.size)
        }
      }),
    )
  })
})
