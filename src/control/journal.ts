import type { FaultEffects } from './fault-effects.js'
import type { Tenant } from '../tenant/tenant.js'
import { slot } from '../tenant/slot.js'

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
  /** What they did: the delay waited (ms, as sampled), the connection or body fault. */
  fault_effects?: FaultEffects
}

/** What the pipeline records of one request; shaped into a `JournalEntry` only when read. */
export interface JournalRecord {
  request_id: string
  /** Tenant-clock ms when the request arrived. */
  at: number
  method: string
  /** The full request URL (path and query are taken from it when read). */
  url: string
  status: number
  duration_ms: number
  /** The parsed body, secrets already redacted; null for none. */
  body: unknown
  error: string | undefined
  idempotency_key: string | undefined
  faults: string[] | undefined
  fault_effects: FaultEffects | undefined
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

// Characters a URL parser leaves as they are in a path (RFC 3986 pchar without `%`).
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/

/**
 * The path and query of a request URL as `new URL()` gives them, without
 * parsing the URL when it is plain (no query, escapes or dot segments: the
 * common `GET /v2/connections/{id}`).
 */
export function requestTarget(url: string): { path: string; query: Record<string, string> } {
  const scheme = url.indexOf('://')
  const start = scheme < 0 ? -1 : url.indexOf('/', scheme + 3)
  if (start >= 0) {
    const path = url.slice(start)
    if (PLAIN_PATH.test(path) && !path.includes('/.')) return { path, query: {} }
  }
  const parsed = new URL(url)
  return { path: parsed.pathname, query: Object.fromEntries(parsed.searchParams) }
}

/**
 * In memory per tenant, the last 1,000 requests, in a ring of records that
 * are reused: recording a request allocates nothing that outlives it but its
 * strings, and the shaping (URL parsing, date formatting) happens
 * when somebody reads the journal, not on every request (the journal is on
 * the hot path of every Deck API call; bench/, read phase). A reset starts it afresh.
 */
class JournalRing {
  private readonly slots: JournalRecord[] = []
  private next = 0

  record(fill: (slot: JournalRecord) => void): void {
    let slot = this.slots[this.next]
    if (!slot) {
      slot = {
        request_id: '',
        at: 0,
        method: '',
        url: '',
        status: 0,
        duration_ms: 0,
        body: null,
        error: undefined,
        idempotency_key: undefined,
        faults: undefined,
        fault_effects: undefined,
      }
      this.slots.push(slot)
    }
    fill(slot)
    this.next = (this.next + 1) % JOURNAL_LIMIT
  }

  /** Oldest first. */
  records(): JournalRecord[] {
    return this.slots.length < JOURNAL_LIMIT ? [...this.slots] : [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)]
  }
}

const journal = slot('request journal', () => new JournalRing())

function ring(tenant: Tenant): JournalRing {
  return journal.of(tenant)
}

/** Records one request: `fill` writes the fields of a reused record (every field, every time). */
export function recordRequest(tenant: Tenant, fill: (slot: JournalRecord) => void): void {
  ring(tenant).record(fill)
}

function shape(record: JournalRecord): JournalEntry {
  const { path, query } = requestTarget(record.url)
  // Built in the order the journal has always shown its fields, optional ones last.
  const entry: JournalEntry = {
    request_id: record.request_id,
    at: new Date(record.at).toISOString(),
    method: record.method,
    path,
    query,
    status: record.status,
    duration_ms: record.duration_ms,
    body: record.body,
  }
  if (record.error !== undefined) entry.error = record.error
  if (record.idempotency_key !== undefined) entry.idempotency_key = record.idempotency_key
  if (record.faults?.length) entry.faults = [...record.faults]
  if (record.fault_effects && Object.keys(record.fault_effects).length) entry.fault_effects = { ...record.fault_effects }
  return entry
}

export interface JournalFilter {
  method?: string | undefined
  path?: RegExp | undefined
  status?: number | undefined
  limit: number
}

/** Oldest first; `limit` keeps the most recent entries. */
export function listRequests(tenant: Tenant, filter: JournalFilter): JournalEntry[] {
  const matching = ring(tenant)
    .records()
    .filter((r) => (filter.method === undefined || r.method === filter.method.toUpperCase()) && (filter.status === undefined || r.status === filter.status))
    .map(shape)
    .filter((e) => filter.path === undefined || filter.path.test(e.path))
  return matching.slice(Math.max(0, matching.length - filter.limit))
}

export function clearRequests(tenant: Tenant): void {
  journal.set(tenant, new JournalRing())
}
