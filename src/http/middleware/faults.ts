import type { Context } from 'hono'
import { takeFaults } from '../../services/faults.js'
import type { Tenant } from '../../services/tenant.js'
import type { AppEnv } from '../env.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Scenario and control-plane API faults: wait the matching delays (real
 * time: they exist to exercise the caller's own timeouts), then answer with
 * the forced error, rendered as a normal Deck envelope, before anything runs.
 * Returns a promise only when there is a delay to wait (no fault: no tick).
 */
export function applyFaults(c: Context<AppEnv>, tenant: Tenant): Promise<void> | undefined {
  const hit = takeFaults(tenant, c.req.method, c.req.path)
  if (hit.ids.length) c.set('faults', hit.ids)
  if (hit.delay > 0) {
    return sleep(hit.delay).then(() => {
      if (hit.error) throw hit.error
    })
  }
  if (hit.error) throw hit.error
  return undefined
}
