import * as z from 'zod'
import { defineStep } from '../step.js'

/** `answer: { connection: alice }` — submits the answer the pending interaction expects. */
export const answer = defineStep({
  name: 'answer',
  args: z.strictObject({ connection: z.string().min(1) }),
  async run(ctx, args) {
    const id = ctx.resolve(args.connection)
    const inputs = await ctx.client.emulator.expectedAnswer(id)
    const connection = await ctx.client.connections.submitInteraction(id, inputs)
    return `${args.connection} answered ${JSON.stringify(inputs)} → ${connection.status}`
  },
})
