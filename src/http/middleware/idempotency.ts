import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { errors } from '../../domain/errors.js'
import { findReply, rememberReply } from '../../idempotency/service.js'
import type { AppEnv } from '../env.js'
import type { Run } from '../pipeline.js'
import { header } from '../header.js'

export const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * `Idempotency-Key` on any mutation: the same key and parameters within 24 h
 * (tenant clock) replay the stored response; different parameters → 409.
 * Concurrent requests with one key wait for the first and get its response.
 * Only successful responses are stored (idempotency/service.ts keeps them).
 * The pipeline calls it for mutations only (`MUTATING`): a GET never reaches
 * it. Without a key the route runs as is.
 */
export function idempotency(): (c: Context<AppEnv>, run: Run) => Response | Promise<Response> {
  const inFlight = new Map<string, Promise<void>>()
  return (c, run) => {
    const key = header(c, 'idempotency-key')
    if (key === undefined) return run()
    if (key.length > 256 || key.trim().length === 0) throw errors.idempotencyKeyInvalid(key.length > 256 ? 'long' : 'empty')
    return once(c, key, run)
  }

  async function once(c: Context<AppEnv>, key: string, run: Run): Promise<Response> {
    const tenant = c.get('tenant')
    const slot = `${tenant.key}\u0000${key}`
    // A digest of the request, never the request: a body may carry a password.
    const fingerprint = createHash('sha256')
      .update(`${c.req.method} ${c.req.path} ${stableStringify(c.get('body'))}`)
      .digest('base64url')
    while (inFlight.has(slot)) await inFlight.get(slot)
    const stored = findReply(tenant, key)
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw errors.idempotencyConflict(key)
      return new Response(stored.body, {
        status: stored.status,
        headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
      })
    }
    let done!: () => void
    inFlight.set(slot, new Promise<void>((resolve) => (done = resolve)))
    try {
      const res = await run()
      if (res.status >= 200 && res.status < 300) rememberReply(tenant, key, { fingerprint, status: res.status, body: await res.clone().text() })
      return res
    } finally {
      inFlight.delete(slot)
      done()
    }
  }
}
