import * as z from 'zod'
import { defineStep } from '../step.js'

/** `reopen: { connection: bob }` */
export const reopen = defineStep({
  name: 'reopen',
  args: z.strictObject({ connection: z.string().min(1) }),
  async run(ctx, args) {
    const connection = await ctx.client.connections.reopen(ctx.resolve(args.connection))
    return `${args.connection} → ${connection.status}`
  },
})
