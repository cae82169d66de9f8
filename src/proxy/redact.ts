/**
 * What the proxy writes (drift report examples, the recorded scenario, its
 * summary) never carries a secret: API keys, passwords, interaction answers
 * (MFA codes, security answers), webhook secrets, tokens. Redaction is by key
 * name, by the shape of the value (`sk_test_…`, `whsec_…`, `Bearer …`) and, under
 * `inputs`/`input`/`answers` of an interaction, every value.
 */

export const REDACTED = '[redacted]'

const SECRET_KEY =
  /(^|_|-)(pass(word|wd|phrase)?|secret|token|api_?key|authorization|cookie|signing_?key|private_?key|otp|pin|answer|mfa_?code|verification_?code|session_?key)s?($|_|-)/i
const SECRET_VALUE = /^(sk|rk|pk)_(test|live)_|^whsec_|^bearer\s/i
/** Keys whose every value is an answer to a prompt. */
const ANSWER_CONTAINERS = new Set(['inputs', 'answers'])

export const isSecretKey = (key: string) => SECRET_KEY.test(key)

export function redactJson(value: unknown, options: { answers?: boolean } = {}, parent = ''): unknown {
  if (typeof value === 'string') return SECRET_VALUE.test(value) ? REDACTED : value
  if (Array.isArray(value)) return value.map((v) => redactJson(v, options, parent))
  if (value === null || typeof value !== 'object') return value
  const inAnswers = ANSWER_CONTAINERS.has(parent) || (options.answers === true && parent === 'input')
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && item !== undefined && (inAnswers || isSecretKey(key)) && typeof item !== 'object') out[key] = REDACTED
    else if (item !== null && typeof item === 'object' && isSecretKey(key)) out[key] = REDACTED
    else out[key] = redactJson(item, options, key)
  }
  return out
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'webhook-signature'])

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) || SECRET_VALUE.test(v) ? REDACTED : v]))
}

/** A free text (an error message, a summary line) with key- and secret-shaped words masked. */
export function redactText(text: string): string {
  return text
    .replace(/\b(sk|rk|pk)_(test|live)_[A-Za-z0-9_]+/g, REDACTED)
    .replace(/\bwhsec_[A-Za-z0-9+/=]+/g, REDACTED)
    .replace(/\bBearer\s+\S+/gi, `Bearer ${REDACTED}`)
}
