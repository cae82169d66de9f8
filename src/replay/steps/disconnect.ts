import * as z from 'zod'
import { defineStep } from '../step.js'

/** `disconnect: { connection: carol }` — terminates the connection. */
export const disconnect = defineStep({
  name: 'disconnect',
  args: z.strictObject({ connection: z.string().min(1) }),
  async run(ctx, args) {
    const connection = await ctx.client.connections.disconnect(ctx.resolve(args.connection))
    return `${args.connection} → ${connection.status}`
  },
})
