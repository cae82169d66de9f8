import type { Timer } from '../store/data.js'
import { unwrap } from '../store/tracker.js'

const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq)

/**
 * An in-memory index over a tenant's durable timers: sorted by due time, and
 * by object, so the next due timer and "cancel this connection's timers" cost
 * no scan of the whole world. Rebuilt from the stored timers on load.
 */
export class TimerQueue {
  private sorted: Timer[] = []
  private byRef = new Map<string, Set<Timer>>()

  constructor(private readonly stored: Record<string, Timer>) {
    // One sort at load (inserting 100k stored timers one by one would be quadratic).
    // Raw timers (not the store's tracking views): timers never change once set, and comparisons stay cheap.
    this.sorted = Object.values(unwrap(stored)).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))
    for (const timer of this.sorted) this.byRefAdd(timer)
  }

  private byRefAdd(timer: Timer): void {
    let set = this.byRef.get(timer.ref)
    if (!set) this.byRef.set(timer.ref, (set = new Set()))
    set.add(timer)
  }

  /** First slot not before `timer` (binary search). */
  private lowerBound(timer: Timer): number {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (before(this.sorted[mid]!, timer)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  add(timer: Timer): void {
    this.stored[timer.id] = timer
    this.index(timer)
  }

  private index(timer: Timer): void {
    this.sorted.splice(this.lowerBound(timer), 0, timer)
    this.byRefAdd(timer)
  }

  remove(timer: Timer): void {
    delete this.stored[timer.id]
    let i = this.lowerBound(timer)
    while (i < this.sorted.length && this.sorted[i] !== timer && !before(timer, this.sorted[i]!)) i++
    if (this.sorted[i] === timer) this.sorted.splice(i, 1)
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
    return this.sorted[0]
  }

  get size(): number {
    return this.sorted.length
  }
}
