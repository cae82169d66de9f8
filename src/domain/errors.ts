/**
 * Deck errors as typed values that know their wire form. Every failure the
 * emulator reports goes through one of these; the HTTP layer renders them as
 * `{"errors":[{type, code, message, field?}], "request_id"}`.
 */
export type ErrorType = 'request' | 'idempotency' | 'rate_limit' | 'connection' | 'auth' | 'interaction' | 'api' | 'source' | 'task'

export interface ErrorDetail {
  type: ErrorType | string
  code: string
  message: string
  field?: string
}

export class DeckError extends Error {
  constructor(
    readonly status: number,
    readonly details: ErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(details.map((d) => d.message).join('; '))
    this.name = 'DeckError'
  }

  get code(): string {
    return this.details[0]?.code ?? 'api_error'
  }
}

const one = (status: number, type: ErrorType | string, code: string, message: string, field?: string) =>
  new DeckError(status, [field === undefined ? { type, code, message } : { type, code, message, field }])

export const errors = {
  inputMissing: (field: string, message = `The field \`${field}\` is required.`) => one(400, 'request', 'input_missing', message, field),
  inputInvalid: (message: string, field?: string) => one(400, 'request', 'input_invalid', message, field),
  apiKeyInvalid: (message: string) => one(401, 'request', 'api_key_invalid', message),
  notFound: (resource: string, id: string) => one(404, 'request', `${resource}_not_found`, `No ${resource.replace(/_/g, ' ')} with id \`${id}\` exists.`),
  routeNotFound: (method: string, path: string) =>
    one(404, 'request', 'route_not_found', `No route ${method} ${path}. See GET /v2/openapi.json for the routes this emulator serves.`),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new DeckError(405, [{ type: 'request', code: 'method_not_allowed', message: `${method} is not allowed on ${path}; use ${allowed.join(', ')}.` }], {
      allow: allowed.join(', '),
    }),
  invalidState: (resource: string, from: string, action: string) => one(409, 'request', 'invalid_state', `Cannot ${action}: the ${resource} is \`${from}\`.`),
  interactionNotRequired: (resource: string, status: string) =>
    one(409, 'request', 'interaction_not_required', `The ${resource} has no pending interaction (status \`${status}\`).`),
  connectionNotConnected: (id: string, status: string) =>
    one(409, 'request', 'connection_not_connected', `Connection \`${id}\` is \`${status}\`; task runs need a \`connected\` connection.`),
  payloadTooLarge: (limit: number) => one(413, 'request', 'payload_too_large', `The request body is larger than ${limit} bytes.`),
  cursorInvalid: () => one(400, 'request', 'cursor_invalid', 'The `cursor` is not valid for this list and these filters.', 'cursor'),
  idempotencyConflict: (key: string) => one(409, 'idempotency', 'idempotency_error', `Idempotency-Key \`${key}\` was already used with different parameters.`),
  idempotencyKeyInvalid: (why: 'long' | 'empty' = 'long') =>
    one(
      400,
      'idempotency',
      'idempotency_key_error',
      why === 'long'
        ? 'The Idempotency-Key header must be at most 256 characters.'
        : 'The Idempotency-Key header is empty: send a non-empty key, or no header.',
    ),
  rateLimited: (retryAfterSeconds: number) =>
    new DeckError(429, [{ type: 'rate_limit', code: 'rate_limit_exceeded', message: `Too many requests; retry after ${retryAfterSeconds}s.` }], {
      'retry-after': String(retryAfterSeconds),
    }),
  credentialDeleted: (id: string) => one(409, 'request', 'credential_deleted', `Credential \`${id}\` was deleted; create a new credential.`),
  sessionNotActive: (id: string, status: string) =>
    one(409, 'request', 'session_not_active', `Session \`${id}\` is \`${status}\`; start a run without \`session_id\` to open a new session.`),
  sessionLimitExceeded: (retryAfterSeconds: number) =>
    new DeckError(429, [{ type: 'rate_limit', code: 'session_limit_exceeded', message: 'Agent sandbox limit exceeded.' }], {
      'retry-after': String(retryAfterSeconds),
    }),
  internal: () => one(500, 'api', 'api_error', 'An unexpected error occurred in the emulator.'),
  custom: (status: number, type: string, code: string, message?: string) => one(status, type, code, message ?? `Scripted fault: ${type}/${code}.`),
} as const

/** Throws `error` unless `condition` holds: negative paths become one line. */
export function assert(condition: unknown, error: () => DeckError): asserts condition {
  if (!condition) throw error()
}
