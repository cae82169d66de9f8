import type { Store } from '../store/store.js'
import { Scheduler } from './scheduler.js'
import type { Tenant } from './tenant.js'

export type TenantCallback = (tenant: Tenant) => void

/**
 * What happens after every change to a tenant (a request, a timer run, a
 * clock move), in this order: the timers that fell due run, the store
 * commits, then `onDurable` (work that must wait until the change is on
 * disk: blob deletions), the scheduler re-arms for the next timer, and
 * `onSettled` (observers: long-polls, live dashboards).
 */
export class Settle {
  /** Run after each commit, before the scheduler re-arms (the change is durable). */
  readonly onDurable: TenantCallback[] = []
  /** Run last after each commit (waiters, live views). */
  readonly onSettled: TenantCallback[] = []
  private readonly scheduler: Scheduler

  constructor(
    private readonly store: Store,
    log: (line: string) => void,
  ) {
    // A timer that falls due settles its tenant like a request would.
    this.scheduler = new Scheduler(async (tenant) => {
      try {
        await this.settle(tenant)
      } catch (error) {
        log(`timer run failed for tenant ${tenant.key.slice(0, 12)}…: ${(error as Error).message}`)
      }
    })
  }

  /**
   * After every authenticated request: when nothing is left to write (a GET,
   * the memory store) there is no commit to wait for, so no promise and no
   * extra tick on the hot read path.
   */
  readonly request = (tenant: Tenant): Promise<void> | undefined => {
    tenant.runDue()
    if (this.store.clean) {
      this.committed(tenant)
      return undefined
    }
    return this.store.commit().then(() => this.committed(tenant))
  }

  /** `request`, always as a promise (timers, clock moves, browser logins). */
  readonly settle = async (tenant: Tenant): Promise<void> => {
    await this.request(tenant)
  }

  /** Re-arms the tenant's wake-up for its next timer (after a reset or a scenario reload). */
  arm(tenant: Tenant): void {
    this.scheduler.arm(tenant)
  }

  commit(): Promise<void> {
    return this.store.commit()
  }

  /**
   * At start-up: `recover` each tenant (e.g. webhook deliveries that were in
   * flight when the process died are sent again: at-least-once), run what fell
   * due while the emulator was down, commit, and arm every tenant.
   */
  async catchUp(tenants: readonly Tenant[], recover: TenantCallback[]): Promise<void> {
    for (const hook of recover) for (const tenant of tenants) hook(tenant)
    for (const tenant of tenants) tenant.runDue()
    await this.store.commit()
    for (const tenant of tenants) this.scheduler.arm(tenant)
  }

  close(): void {
    this.scheduler.close()
  }

  private committed(tenant: Tenant): void {
    for (const hook of this.onDurable) hook(tenant)
    this.scheduler.arm(tenant)
    for (const hook of this.onSettled) hook(tenant)
  }
}
