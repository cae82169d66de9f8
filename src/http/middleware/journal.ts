import type { Context } from 'hono'
import { DeckError } from '../../domain/errors.js'
import { recordRequest, type JournalEntry } from '../../services/journal.js'
import type { Tenant } from '../../services/tenant.js'
import type { AppEnv } from '../env.js'
import { header } from '../header.js'

// Characters a URL parser leaves as they are in a path (RFC 3986 pchar without `%`).
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/
// Shared by every entry without a query (most of them): one object fewer kept per journaled request.
const NO_QUERY: Record<string, string> = Object.freeze({}) as Record<string, string>

/**
 * The path and query of a request URL as `new URL()` gives them, without
 * parsing the URL when it is plain (no query, escapes or dot segments: the
 * common `GET /v2/connections/{id}`), since a URL object per request shows in profiles.
 */
export function requestTarget(url: string): { path: string; query: Record<string, string> } {
  const scheme = url.indexOf('://')
  const start = scheme < 0 ? -1 : url.indexOf('/', scheme + 3)
  if (start >= 0) {
    const path = url.slice(start)
    if (PLAIN_PATH.test(path) && !path.includes('/.')) return { path, query: NO_QUERY }
  }
  const parsed = new URL(url)
  return { path: parsed.pathname, query: Object.fromEntries(parsed.searchParams) }
}

/**
 * Records every Deck API request of a tenant (control-plane calls are not
 * journaled: they are the test talking to the emulator). The pipeline calls
 * it last, after the response (or error) is known, so rate-limited, faulted
 * and invalid requests are recorded too. `started` is performance.now() and
 * `at` the tenant-clock time when the request arrived.
 */
export function recordJournal(c: Context<AppEnv>, res: Response, tenant: Tenant, started: number, at: string): void {
  const { path, query } = requestTarget(c.req.url)
  const status = res.status
  const error = c.error instanceof DeckError ? c.error.code : status >= 500 ? 'api_error' : undefined
  const faults = c.get('faults')
  const key = header(c, 'idempotency-key')
  const method = c.req.method
  // Built in the order the journal has always shown its fields, optional ones last.
  const entry: JournalEntry = {
    request_id: c.get('requestId'),
    at,
    method,
    path,
    query,
    status,
    duration_ms: Math.round(performance.now() - started),
    body: method === 'GET' || method === 'HEAD' ? null : (c.get('body') ?? null),
  }
  if (error && status >= 400) entry.error = error
  if (key !== undefined) entry.idempotency_key = key
  if (faults?.length) entry.faults = faults
  recordRequest(tenant, entry)
}
