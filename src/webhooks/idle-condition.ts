import { errors } from '../domain/errors.js'
import type { WaitCondition } from '../tenant/wait-condition.js'
import type { Tenant } from '../tenant/tenant.js'
import { deliveriesIn } from './state.js'

/** Deliveries still to be settled: pending covers first attempts in flight and retries waiting for their time. */
function unsettled(tenant: Tenant) {
  // deliveriesIn, not deliveriesOf(): a wait must not create the field (and mark the tenant dirty).
  const all = Object.values(deliveriesIn(tenant))
  return { all, pending: all.filter((d) => d.status === 'pending') }
}

/**
 * `GET /_emulator/wait?deliveries=idle`: holds when no delivery of the tenant
 * is pending or waiting for a retry, so a test in any language can wait for
 * "every webhook has landed (or finally failed)" with one call. On a manual
 * clock a retry waits for an advance, so the wait times out saying so.
 */
export const deliveriesIdleCondition: WaitCondition = {
  check(tenant, query) {
    if (query.deliveries !== 'idle') throw errors.inputInvalid('`deliveries` can only be `idle` (nothing pending or waiting for a retry).', 'deliveries')
    const { all, pending } = unsettled(tenant)
    if (pending.length > 0) return undefined
    const count = (status: string) => all.filter((d) => d.status === status).length
    return { deliveries: 'idle', pending: 0, success: count('success'), failure: count('failure'), skipped: count('skipped') }
  },
  describe(tenant, _query) {
    const { pending } = unsettled(tenant)
    const retrying = pending.filter((d) => d.attempts.length > 0 && d.next_attempt_at !== null)
    const next = retrying.map((d) => d.next_attempt_at!).sort((a, b) => a - b)[0]
    return (
      `${pending.length} deliver${pending.length === 1 ? 'y is' : 'ies are'} pending` +
      (retrying.length ? ` (${retrying.length} waiting for a retry, the next at ${new Date(next!).toISOString()} on the tenant's clock: advance it)` : '')
    )
  },
}
