import type { Context } from 'hono'
import { faultEffects } from '../../control/fault-effects.js'
import { takeFaults, type NetworkEffect } from '../../control/faults.js'
import type { Tenant } from '../../tenant/tenant.js'
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
  if (hit.ids.length) {
    c.set('faults', hit.ids)
    c.set('faultEffects', faultEffects(hit))
  }
  if (hit.delay > 0) {
    return sleep(hit.delay).then(() => {
      if (hit.error) throw hit.error
    })
  }
  if (hit.error) throw hit.error
  return undefined
}

/** The connection or body fault the request met (from its recorded effects), for http/chaos.ts. */
export function takeNetworkEffect(c: Context<AppEnv>): NetworkEffect | undefined {
  const effects = c.get('faultEffects')
  if (effects.connection) return { connection: effects.connection }
  if (effects.body === 'trickle') return { body: 'trickle', trickle: { duration: effects.trickle!.duration_ms, chunks: effects.trickle!.chunks } }
  if (effects.body) return { body: effects.body }
  return undefined
}
