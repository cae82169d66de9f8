import { Duration } from '../../scenario/durations.js'
import { defineStep } from '../step.js'

/** `advance: 2m` — moves the tenant's (manual) clock; everything due on the way runs. */
export const advance = defineStep({
  name: 'advance',
  // The one duration schema (and message) of scenarios and the control plane; the step sends milliseconds.
  args: Duration,
  async run(ctx, by) {
    const clock = await ctx.client.emulator.advance(by)
    return `clock → ${clock.now}`
  },
})
