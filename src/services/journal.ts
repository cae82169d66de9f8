import type { Tenant } from './tenant.js'

export interface JournalEntry {
  request_id: string
  /** Tenant-clock time the request arrived. */
  at: string
  method: string
  path: string
  query: Record<string, string>
  status: number
  /** Real time spent answering, including any fault delay. */
  duration_ms: number
  /** The JSON body as parsed, secrets replaced by "[redacted]" (null: none or unreadable). */
  body: unknown
  /** First error code when the response was an error. */
  error?: string
  idempotency_key?: string
  /** Faults the request met. */
  faults?: string[]
}

export const JOURNAL_LIMIT = 1000

/**
 * Keys whose values never appear in the journal. MFA codes and security
 * answers (`inputs.*`) stay visible: they are test data that the control
 * plane reveals anyway (expected-answer), and seeing them helps debugging.
 */
const SECRET_KEYS = /^(password|secret|client_secret|api_key|apikey|token|access_token|refresh_token|authorization|custom_headers)$/i
export const REDACTED = '[redacted]'

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? REDACTED : redact(v)]))
  }
  return value
}

/**
 * In memory per tenant: the last 1,000 requests; a reset starts it afresh.
 * Writes let it grow to twice that before dropping the oldest in one splice
 * (dropping one entry per request moves the whole array every time);
 * readers always see at most the last 1,000.
 */
function entries(tenant: Tenant): JournalEntry[] {
  let list = tenant.runtime.get('journal') as JournalEntry[] | undefined
  if (!list) tenant.runtime.set('journal', (list = []))
  return list
}

function journal(tenant: Tenant): JournalEntry[] {
  const list = entries(tenant)
  if (list.length > JOURNAL_LIMIT) list.splice(0, list.length - JOURNAL_LIMIT)
  return list
}

/** Takes ownership of `entry` (its body is replaced by the redacted copy). */
export function recordRequest(tenant: Tenant, entry: JournalEntry): void {
  const list = entries(tenant)
  entry.body = redact(entry.body)
  list.push(entry)
  if (list.length > 2 * JOURNAL_LIMIT) list.splice(0, list.length - JOURNAL_LIMIT)
}

export interface JournalFilter {
  method?: string | undefined
  path?: RegExp | undefined
  status?: number | undefined
  limit: number
}

/** Oldest first; `limit` keeps the most recent entries. */
export function listRequests(tenant: Tenant, filter: JournalFilter): JournalEntry[] {
  const matching = journal(tenant).filter((e) =>
    (filter.method === undefined || e.method === filter.method.toUpperCase()) &&
    (filter.path === undefined || filter.path.test(e.path)) &&
    (filter.status === undefined || e.status === filter.status))
  return matching.slice(Math.max(0, matching.length - filter.limit))
}

export function clearRequests(tenant: Tenant): void {
  tenant.runtime.set('journal', [])
}
