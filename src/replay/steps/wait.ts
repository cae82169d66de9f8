import * as z from 'zod'
import { CONNECTION_STATUSES } from '../../domain/types.js'
import { DeckApiError } from '../../client/error.js'
import { defineStep, StepFailure } from '../step.js'

/** `wait: { connection: alice, status: connected, timeout: 2s }` — long-polls (real time), for system-clock runs. */
export const wait = defineStep({
  name: 'wait',
  args: z.strictObject({ connection: z.string().min(1), status: z.enum(CONNECTION_STATUSES), timeout: z.string().default('5s') }),
  async run(ctx, args) {
    try {
      await ctx.client.emulator.waitFor({ connection: ctx.resolve(args.connection), status: args.status, timeout: args.timeout })
      return `${args.connection} is ${args.status}`
    } catch (error) {
      if (error instanceof DeckApiError && error.status === 408) throw new StepFailure(`connection ${args.connection}: ${error.errors[0]?.message}`)
      throw error
    }
  },
})
