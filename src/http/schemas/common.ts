import * as z from 'zod'

export const RequestId = z.string().regex(/^req_/).describe('Also sent as the x-request-id header.')
export const Timestamp = z.string().describe('ISO 8601 UTC, e.g. 2026-01-15T09:30:00.000Z')

export const ErrorDetailSchema = z.object({
  type: z.string(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
})

export const ErrorEnvelope = z.object({ errors: z.array(ErrorDetailSchema).min(1), request_id: RequestId }).meta({ id: 'Error' })

/**
 * `limit` as plain decimal digits, 1..max: `Number()` coercion would take `0x10`, `1e1`, ` 5`.
 * The pattern (1..max spelled out) is what the OpenAPI document shows.
 */
export function limitParam(max: 100 | 1000, fallback: number) {
  const pattern = max === 100 ? /^(?:[1-9]\d?|100)$/ : /^(?:[1-9]\d{0,2}|1000)$/
  return z
    .string()
    .regex(pattern, `expected a whole number from 1 to ${max} (decimal digits)`)
    .optional()
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .meta({ description: `Page size, 1 to ${max} (default ${fallback}).` })
}

/** A cursor is exactly what `next_cursor` gave: base64url, nothing around it. */
export const CursorParam = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected a `next_cursor` value (base64url)')
  .meta({ description: 'The `next_cursor` of the previous page, as given.' })

export const ListQuery = z.object({
  limit: limitParam(100, 20),
  cursor: CursorParam.optional(),
})

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), has_more: z.boolean(), next_cursor: z.string().nullable(), request_id: RequestId })
}

export function withRequestId<T extends z.ZodObject>(schema: T) {
  return schema.extend({ request_id: RequestId })
}

export const Deleted = z.object({ id: z.string(), object: z.string(), deleted: z.literal(true), request_id: RequestId }).meta({ id: 'Deleted' })

/** Standard error responses every authenticated route may give. */
export const commonErrors = {
  400: { description: 'Invalid input (`input_missing`, `input_invalid`, `cursor_invalid`, `idempotency_key_error`)', schema: ErrorEnvelope },
  401: { description: 'Missing or malformed API key (`api_key_invalid`)', schema: ErrorEnvelope },
  429: { description: 'Rate limited (`rate_limit_exceeded`), only when rate limiting is on', schema: ErrorEnvelope },
} as const

export const notFound = { 404: { description: 'Not found in this tenant (`<resource>_not_found`)', schema: ErrorEnvelope } } as const
export const conflict = { 409: { description: 'Not allowed in the current status, or idempotency conflict', schema: ErrorEnvelope } } as const
