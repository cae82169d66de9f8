import { z } from 'zod'
import { parseDuration } from '../../domain/duration.js'
import { defineStep } from '../step.js'

/** `advance: 2m` — moves the tenant's (manual) clock; everything due on the way runs. */
export const advance = defineStep({
  name: 'advance',
  args: z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== undefined, { message: 'expected a duration like 150ms, 5s, 10m or 1h' }),
  async run(ctx, by) {
    const clock = await ctx.client.emulator.advance(by)
    return `clock → ${clock.now}`
  },
})
