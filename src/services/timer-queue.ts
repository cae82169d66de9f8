import type { Timer } from '../store/data.js'

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
    for (const timer of Object.values(stored)) this.index(timer)
  }

  add(timer: Timer): void {
    this.stored[timer.id] = timer
    this.index(timer)
  }

  private index(timer: Timer): void {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (before(this.sorted[mid]!, timer)) lo = mid + 1
      else hi = mid
    }
    this.sorted.splice(lo, 0, timer)
    let set = this.byRef.get(timer.ref)
    if (!set) this.byRef.set(timer.ref, (set = new Set()))
    set.add(timer)
  }

  remove(timer: Timer): void {
    delete this.stored[timer.id]
    const i = this.sorted.indexOf(timer)
    if (i >= 0) this.sorted.splice(i, 1)
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
