import type { Timer } from '../store/data.js'
import { unwrap } from '../store/tracker.js'

const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq)

/**
 * An in-memory index over a tenant's durable timers: a binary min-heap by
 * due time (with each timer's heap slot, so removing any timer is O(log n),
 * not a shift of a 100k-entry array), and timers by object, so the next due
 * timer and "cancel this connection's timers" cost no scan of the world.
 * Rebuilt from the stored timers on load.
 */
export class TimerQueue {
  private heap: Timer[] = []
  private slot = new Map<Timer, number>()
  private byRef = new Map<string, Set<Timer>>()

  constructor(private readonly stored: Record<string, Timer>) {
    // Raw timers (not the store's tracking views): timers never change once set, and comparisons stay cheap.
    // A sorted array is a valid heap: one sort at load instead of 100k sift-ups.
    this.heap = Object.values(unwrap(stored)).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))
    this.heap.forEach((timer, i) => {
      this.slot.set(timer, i)
      this.byRefAdd(timer)
    })
  }

  private byRefAdd(timer: Timer): void {
    let set = this.byRef.get(timer.ref)
    if (!set) this.byRef.set(timer.ref, (set = new Set()))
    set.add(timer)
  }

  add(timer: Timer): void {
    this.stored[timer.id] = timer
    this.heap.push(timer)
    this.slot.set(timer, this.heap.length - 1)
    this.up(this.heap.length - 1)
    this.byRefAdd(timer)
  }

  remove(timer: Timer): void {
    delete this.stored[timer.id]
    const i = this.slot.get(timer)
    if (i !== undefined) {
      const last = this.heap.pop()!
      this.slot.delete(timer)
      if (i < this.heap.length) {
        this.heap[i] = last
        this.slot.set(last, i)
        this.down(i)
        this.up(i)
      }
    }
    const set = this.byRef.get(timer.ref)
    set?.delete(timer)
    if (set?.size === 0) this.byRef.delete(timer.ref)
  }

  /** Cancels the timers of an object, all of them or those of some kinds. */
  cancel(ref: string, kinds?: string[]): void {
    for (const timer of [...(this.byRef.get(ref) ?? [])]) {
      if (!kinds || kinds.includes(timer.kind)) this.remove(timer)
    }
  }

  forRef(ref: string): Timer[] {
    return [...(this.byRef.get(ref) ?? [])]
  }

  peek(): Timer | undefined {
    return this.heap[0]
  }

  get size(): number {
    return this.heap.length
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i]!
    const b = this.heap[j]!
    this.heap[i] = b
    this.heap[j] = a
    this.slot.set(b, i)
    this.slot.set(a, j)
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(this.heap[i]!, this.heap[parent]!)) return
      this.swap(i, parent)
      i = parent
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < this.heap.length && before(this.heap[l]!, this.heap[m]!)) m = l
      if (r < this.heap.length && before(this.heap[r]!, this.heap[m]!)) m = r
      if (m === i) return
      this.swap(i, m)
      i = m
    }
  }
}
