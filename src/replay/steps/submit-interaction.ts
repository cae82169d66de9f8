import * as z from 'zod'
import { defineStep } from '../step.js'

/** `submit_interaction: { connection: alice, inputs: { code: "123456" } }` */
export const submitInteraction = defineStep({
  name: 'submit_interaction',
  args: z
    .strictObject({
      connection: z.string().min(1),
      inputs: z.record(z.string(), z.coerce.string()).optional(),
      input: z.record(z.string(), z.coerce.string()).optional(),
    })
    .refine((a) => a.inputs ?? a.input, { message: 'expected `inputs: { field: value }`' }),
  async run(ctx, args) {
    const connection = await ctx.client.connections.submitInteraction(ctx.resolve(args.connection), (args.inputs ?? args.input)!)
    return `${args.connection} → ${connection.status}`
  },
})
