import * as z from 'zod'
import { CONNECTION_STATUSES } from '../../domain/types.js'
import { defineStep } from '../step.js'

/** `transition: { connection: alice, status: disconnected }` — forces a transition (control plane). */
export const transition = defineStep({
  name: 'transition',
  args: z.strictObject({ connection: z.string().min(1), status: z.enum(CONNECTION_STATUSES) }),
  async run(ctx, args) {
    const connection = await ctx.client.emulator.transition(ctx.resolve(args.connection), args.status)
    return `${args.connection} → ${connection.status}`
  },
})
