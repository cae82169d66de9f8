import type { MiddlewareHandler } from 'hono'
import { takeFaults } from '../../services/faults.js'
import type { AppEnv } from '../env.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Scenario and control-plane API faults: wait the matching delays (real
 * time: they exist to exercise the caller's own timeouts), then answer with
 * the forced error, rendered as a normal Deck envelope, before anything runs.
 */
export function faults(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hit = takeFaults(c.get('tenant'), c.req.method, c.req.path)
    if (hit.ids.length) c.set('faults', hit.ids)
    if (hit.delay > 0) await sleep(hit.delay)
    if (hit.error) throw hit.error
    await next()
  }
}
