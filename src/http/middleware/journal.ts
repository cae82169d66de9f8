import type { Context } from 'hono'
import { DeckError } from '../../domain/errors.js'
import { recordRequest, redact } from '../../control/journal.js'
import type { Tenant } from '../../tenant/tenant.js'
import type { AppEnv } from '../env.js'
import { header } from '../header.js'

/**
 * Records every Deck API request of a tenant (control-plane calls are not
 * journaled: they are the test talking to the emulator). The pipeline calls
 * it last, after the response (or error) is known, so rate-limited, faulted
 * and invalid requests are recorded too. `started` is performance.now() and
 * `at` the tenant-clock time (ms) when the request arrived.
 */
export function recordJournal(c: Context<AppEnv>, res: Response, tenant: Tenant, started: number, at: number): void {
  const status = res.status
  const method = c.req.method
  recordRequest(tenant, (slot) => {
    slot.request_id = c.get('requestId')
    slot.at = at
    slot.method = method
    slot.url = c.req.url
    slot.status = status
    slot.duration_ms = Math.round(performance.now() - started)
    // Redacted now (not when read): a password is never kept, even in memory.
    slot.body = method === 'GET' || method === 'HEAD' ? null : redact(c.get('body') ?? null)
    slot.error = status >= 400 ? (c.error instanceof DeckError ? c.error.code : status >= 500 ? 'api_error' : undefined) : undefined
    slot.idempotency_key = header(c, 'idempotency-key')
    slot.faults = c.get('faults')
    slot.fault_effects = c.get('faultEffects')
  })
}
