import type { Tenant } from './tenant.js'

interface Waiter {
  check(tenant: Tenant): object | undefined
  resolve(value: object | undefined): void
  reject(error: unknown): void
}

/** How often a waiter re-checks on its own, for changes that happen outside a settle. */
const POLL_MS = 50

/**
 * Pending long-polls per tenant key (not per Tenant object: a reset swaps the
 * object). `notify` re-checks a tenant's waiters; the emulator calls it after
 * every settle (requests, timer runs, clock moves). A slow poll catches
 * anything else (e.g. a webhook attempt finishing between settles).
 */
export class Waiters {
  private readonly pending = new Map<string, Set<Waiter>>()

  constructor(private readonly current: (key: string) => Tenant) {}

  /** Resolves with the object once `check` holds, or undefined when `timeoutMs` (real time) passes. */
  wait(key: string, check: (tenant: Tenant) => object | undefined, timeoutMs: number): Promise<object | undefined> {
    const first = check(this.current(key)) // may throw: bad input is reported at once
    if (first) return Promise.resolve(first)
    return new Promise((resolve, reject) => {
      const set = this.pending.get(key) ?? new Set<Waiter>()
      this.pending.set(key, set)
      const finish = () => {
        clearTimeout(timer)
        clearInterval(poll)
        set.delete(waiter)
        if (set.size === 0 && this.pending.get(key) === set) this.pending.delete(key)
      }
      const waiter: Waiter = {
        check,
        resolve: (value) => (finish(), resolve(value)),
        reject: (error) => (finish(), reject(error)),
      }
      const timer = setTimeout(() => waiter.resolve(undefined), timeoutMs)
      const poll = setInterval(() => this.run(key, waiter), POLL_MS)
      // The timeout keeps the process alive (a script awaiting a wait must not exit early); the poll need not.
      poll.unref?.()
      set.add(waiter)
    })
  }

  notify(tenant: Tenant): void {
    const set = this.pending.get(tenant.key)
    if (!set) return // after every request: usually nobody waits
    for (const waiter of [...set]) this.run(tenant.key, waiter)
  }

  private run(key: string, waiter: Waiter): void {
    try {
      const value = waiter.check(this.current(key))
      if (value) waiter.resolve(value)
    } catch (error) {
      waiter.reject(error)
    }
  }

  /** Ends every pending wait (emulator close). */
  close(): void {
    for (const set of this.pending.values()) for (const waiter of [...set]) waiter.resolve(undefined)
    this.pending.clear()
  }
}
