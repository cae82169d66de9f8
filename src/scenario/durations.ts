import { z } from 'zod'
import { parseDuration } from '../domain/duration.js'

/** `150ms`, `5s`, `10m`, `1h` (or a number of milliseconds) → milliseconds. */
export const Duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value)
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a duration like 150ms, 5s, 10m or 1h (at most 100 years), got ${JSON.stringify(value)}` })
    return z.NEVER
  }
  return ms
})
