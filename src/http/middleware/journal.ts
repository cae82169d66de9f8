import type { MiddlewareHandler } from 'hono'
import { DeckError } from '../../domain/errors.js'
import { recordRequest } from '../../services/journal.js'
import type { AppEnv } from '../env.js'

/**
 * Records every Deck API request of a tenant (control-plane calls are not
 * journaled: they are the test talking to the emulator). Sits just inside
 * auth so that rate-limited, faulted and invalid requests are recorded too.
 */
export function journal(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    const at = c.get('tenant').nowIso()
    try {
      await next()
    } finally {
      const url = new URL(c.req.url)
      const error = c.error instanceof DeckError ? c.error.code : c.res.status >= 500 ? 'api_error' : undefined
      const faults = c.get('faults')
      const key = c.req.header('idempotency-key')
      recordRequest(c.get('tenant'), {
        request_id: c.get('requestId'),
        at,
        method: c.req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status: c.res.status,
        duration_ms: Math.round(performance.now() - started),
        body: c.req.method === 'GET' || c.req.method === 'HEAD' ? null : (c.get('body') ?? null),
        ...(error && c.res.status >= 400 ? { error } : {}),
        ...(key !== undefined ? { idempotency_key: key } : {}),
        ...(faults?.length ? { faults } : {}),
      })
    }
  }
}
