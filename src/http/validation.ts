import type { z } from 'zod'
import { DeckError, type ErrorDetail } from '../domain/errors.js'

const formatPath = (prefix: string, path: readonly PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.')

/** Validates with a zod schema; failures become Deck errors naming each field with dots. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true })
  if (result.success) return result.data
  const details: ErrorDetail[] = result.error.issues.map((issue) => {
    const field = formatPath(prefix, issue.path) || undefined
    // zod reports an absent field as a type (or enum) mismatch on `undefined`.
    const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined
    const emptyString = issue.code === 'too_small' && issue.origin === 'string' && issue.input === ''
    const code = missing || emptyString ? 'input_missing' : 'input_invalid'
    const message =
      missing || emptyString
        ? `The field \`${field}\` is required.`
        : issue.code === 'invalid_value'
          ? `\`${field}\` must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${JSON.stringify(issue.input)}.`
          : `\`${field ?? 'body'}\`: ${issue.message}`
    return { type: 'request', code, message, ...(field ? { field } : {}) }
  })
  // Missing fields first: "required" is the more useful message when both apply.
  details.sort((a, b) => Number(b.code === 'input_missing') - Number(a.code === 'input_missing'))
  throw new DeckError(400, details)
}
