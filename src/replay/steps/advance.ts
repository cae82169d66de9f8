import { z } from 'zod'
import { durationProblem, parseDuration } from '../../domain/duration.js'
import { defineStep } from '../step.js'

/** `advance: 2m` — moves the tenant's (manual) clock; everything due on the way runs. */
export const advance = defineStep({
  name: 'advance',
  args: z.union([z.string(), z.number()]).superRefine((v, ctx) => { if (parseDuration(v) === undefined) ctx.addIssue({ code: 'custom', message: durationProblem(v) }) }),
  async run(ctx, by) {
    const clock = await ctx.client.emulator.advance(by)
    return `clock → ${clock.now}`
  },
})
