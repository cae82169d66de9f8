import * as z from 'zod'

/**
 * Query strings with array filters (credentials contract §1): repeats
 * (`?status=a&status=b`), `status[]=a` and comma lists all mean a list.
 * Only parameters declared with `arrayParam()` become arrays; every other
 * parameter keeps the old rule (the last value wins), so existing routes
 * read their query exactly as before.
 */
const ARRAY_PARAMS = new WeakSet<z.ZodType>()

/** A list-valued query parameter of `item` values (each checked). */
export function arrayParam<T extends z.ZodType>(item: T) {
  const schema = z.preprocess(
    (v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v])
            .flatMap((s) => String(s).split(','))
            .map((s) => s.trim())
            .filter(Boolean),
    z
      .array(z.string())
      .min(1)
      .transform((values, ctx) => {
        const out: z.output<T>[] = []
        for (const value of values) {
          const parsed = item.safeParse(value)
          // The issue names the parameter itself (`status`), not `status.0`.
          if (parsed.success) out.push(parsed.data)
          else ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not accepted (${parsed.error.issues[0]?.message ?? 'invalid'})` })
        }
        return out
      }),
  )
  ARRAY_PARAMS.add(schema)
  return schema
}

/** The query as an object for `schema`: arrays for its array parameters, the last value for the rest. */
export function queryObject(params: URLSearchParams, schema: z.ZodType): Record<string, string | string[]> {
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {}
  const out: Record<string, string | string[]> = {}
  for (const [rawKey, value] of params) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey
    const field = shape[key]
    const isArray = field !== undefined && (ARRAY_PARAMS.has(field) || (field instanceof z.ZodOptional && ARRAY_PARAMS.has(field.unwrap() as z.ZodType)))
    if (!isArray) {
      if (key === rawKey) out[key] = value
      continue
    }
    const prev = out[key]
    out[key] = prev === undefined ? [value] : [...(prev as string[]), value]
  }
  return out
}
