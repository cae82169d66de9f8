import * as z from 'zod'
import { Duration } from './durations.js'

/**
 * The chaos parts of `faults` and `webhook_faults` entries: latency as a
 * fixed delay or a distribution, and `probability`. Durations go through the
 * shared parser (scenario/durations.ts → domain/duration.ts).
 */

/** Built on first use (the scenario schema's, scenario/schema.ts), once. */
function buildDistributions() {
  const Uniform = z.strictObject({
    uniform: z.tuple([Duration, Duration]).refine(([lo, hi]) => lo <= hi, 'uniform: [min, max] with min ≤ max'),
  })
  const Lognormal = z.strictObject({
    lognormal: z.strictObject({
      median: Duration,
      sigma: z.number().min(0).max(5),
      /** Samples above it are cut to it (default: the cap of where the delay is used). */
      max: Duration.optional(),
    }),
  })
  return [Uniform, Lognormal] as const
}
let distributions: ReturnType<typeof buildDistributions> | undefined

/**
 * `200ms`, `{uniform: [50ms, 300ms]}` or `{lognormal: {median: 100ms, sigma: 0.5, max?: 2s}}`,
 * every value at most `cap` (`tooLong` is the message when one is over).
 */
export function delaySpec(cap: number, tooLong: string) {
  const over = (ms: number) => ms > cap
  const [Uniform, Lognormal] = (distributions ??= buildDistributions())
  return z
    .union([Duration, Uniform, Lognormal], {
      error: 'expected a duration like 200ms, {uniform: [50ms, 300ms]} or {lognormal: {median: 100ms, sigma: 0.5}}',
    })
    .superRefine((spec, ctx) => {
      const values = typeof spec === 'number' ? [spec] : 'uniform' in spec ? spec.uniform : [spec.lognormal.median, spec.lognormal.max ?? 0]
      if (values.some(over)) ctx.addIssue({ code: 'custom', message: tooLong })
    })
}

/** Only the distributions (a fixed delay keeps the bound of where it is used). */
export function delayDistribution(cap: number, tooLong: string) {
  return z.union((distributions ??= buildDistributions())).superRefine((spec, ctx) => {
    const values = 'uniform' in spec ? spec.uniform : [spec.lognormal.median, spec.lognormal.max ?? 0]
    if (values.some((ms) => ms > cap)) ctx.addIssue({ code: 'custom', message: tooLong })
  })
}

/** The share of matching requests (or events) a rule applies to, drawn from the tenant's seeded chaos stream. */
export const probability = () => z.number().gt(0, 'probability is a share in (0, 1]').max(1, 'probability is a share in (0, 1]')
