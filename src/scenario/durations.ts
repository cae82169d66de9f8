import * as z from 'zod'
import { durationProblem, parseDuration } from '../domain/duration.js'

/**
 * A duration field (`150ms`, `5s`, `1m30s`, or a number of milliseconds) →
 * milliseconds. The one zod schema for durations: scenarios, the control plane
 * and replay steps all use it, and it only wraps domain/duration.ts.
 */
export const Duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value)
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: durationProblem(value) })
    return z.NEVER
  }
  return ms
})
