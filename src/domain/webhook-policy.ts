/**
 * Delivery rules (contract §5) as pure functions: what counts as success,
 * when to retry, which secrets sign, what a destination may subscribe to and
 * which headers it may add. The sender and the outbox only apply these.
 */
import { errors } from './errors.js'
import { isEventType } from './event-types.js'
import type { SigningSecret } from './webhooks.js'

/** Emulator decision: 10 s, 60 s, 5 min after the first, second and third failure (tenant clock). */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [10_000, 60_000, 300_000]
/** Deck: the receiver must answer 2xx within 5 s. */
export const DEFAULT_TIMEOUT_MS = 5_000
/** Deck: after a rotation the previous secret keeps signing for 24 h. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000
/** Svix's anchor: at most 10 rotated-out secrets still signing. */
export const MAX_LIVE_OLD_SECRETS = 10

export type Outcome = 'success' | 'gone' | 'failed'

/** 2xx = success; 410 = the receiver wants no more (deactivate); anything else, redirects included, fails. */
export function outcomeOf(statusCode: number | null): Outcome {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return 'success'
  if (statusCode === 410) return 'gone'
  return 'failed'
}

/** Delay before the next attempt after `attemptsMade` failed ones, or undefined when retries are exhausted. */
export function retryDelay(attemptsMade: number, schedule: readonly number[]): number | undefined {
  return schedule[attemptsMade - 1]
}

export function subscribes(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type)
}

/** Secrets that sign at `now`: the current one first, then rotated-out ones still in their grace period. */
export function liveSecrets(secrets: readonly SigningSecret[], now: number): string[] {
  return secrets.filter((s) => s.expires_at === null || s.expires_at > now).map((s) => s.secret ?? '')
}

/** `["*"]` or a list of known types; `*` cannot be mixed in; the list cannot be empty. */
export function checkEvents(events: readonly string[], field = 'events'): string[] {
  if (events.length === 0) throw errors.inputInvalid('`events` cannot be empty: use ["*"] for every event type.', field)
  if (events.includes('*') && events.length > 1) throw errors.inputInvalid('`*` cannot be combined with specific event types.', field)
  events.forEach((type, i) => {
    if (type !== '*' && !isEventType(type)) throw errors.inputInvalid(`Unknown event type \`${type}\` (see GET /v2/event-types).`, `${field}.${i}`)
  })
  return [...new Set(events)]
}

const SECRET = /^whsec_([A-Za-z0-9+/]+={0,2})$/

/** `whsec_` + base64 of 24–64 random bytes (Standard Webhooks). */
export function checkSecret(secret: string, field = 'webhook.secret'): string {
  const match = SECRET.exec(secret)
  const size = match ? Buffer.from(match[1]!, 'base64').length : 0
  if (size < 24 || size > 64) throw errors.inputInvalid('`secret` must be `whsec_` followed by the base64 of 24 to 64 random bytes.', field)
  return secret
}

const FORBIDDEN = new Set(['content-type', 'content-length', 'host', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer'])
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * Custom headers come as a JSON-encoded string (Deck's docs) or an object.
 * They may not override the signature or framing headers: receivers must be
 * able to trust `webhook-*`. Returns the canonical JSON string, or null.
 */
export function checkCustomHeaders(raw: unknown, field = 'webhook.custom_headers'): string | null {
  if (raw === null || raw === undefined || raw === '') return null
  let value = raw
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw)
    } catch {
      throw errors.inputInvalid('`custom_headers` must be a JSON-encoded object of header names to string values.', field)
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw errors.inputInvalid('`custom_headers` must be an object of header names to string values.', field)
  const out = Object.create(null) as Record<string, string>
  for (const [name, v] of Object.entries(value)) {
    const lower = name.toLowerCase()
    if (!TOKEN.test(name)) throw errors.inputInvalid(`\`${name}\` is not a valid header name.`, field)
    if (typeof v !== 'string' || /[\r\n\0]/.test(v)) throw errors.inputInvalid(`Header \`${name}\` must have a single-line string value.`, field)
    // What every HTTP client can send (Node refuses characters past U+00FF, fetch is stricter): printable ASCII, space, tab.
    // Refused here rather than failing every delivery until the destination is deactivated.
    if (!/^[\t\x20-\x7e]*$/.test(v)) throw errors.inputInvalid(`Header \`${name}\` must be printable ASCII (non-ASCII header values cannot be sent).`, field)
    if (FORBIDDEN.has(lower) || lower.startsWith('webhook-'))
      throw errors.inputInvalid(`Header \`${name}\` is set by the emulator and cannot be overridden.`, field)
    out[name] = v
  }
  return Object.keys(out).length ? JSON.stringify(out) : null
}

/** Matches a `webhook_faults` pattern: an exact type, `*`, or a prefix like `connection.*`. */
export function typeMatches(pattern: string, type: string): boolean {
  if (pattern === '*' || pattern === type) return true
  return pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))
}
