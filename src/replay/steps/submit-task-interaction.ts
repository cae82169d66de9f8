import * as z from 'zod'
import { defineStep } from '../step.js'

/** `submit_task_interaction: { task_run: r1, inputs: { code: "246810" } }` */
export const submitTaskInteraction = defineStep({
  name: 'submit_task_interaction',
  args: z
    .strictObject({
      task_run: z.string().min(1),
      inputs: z.record(z.string(), z.coerce.string()).optional(),
      input: z.record(z.string(), z.coerce.string()).optional(),
    })
    .refine((a) => a.inputs ?? a.input, { message: 'expected `inputs: { field: value }`' }),
  async run(ctx, args) {
    const run = await ctx.client.taskRuns.submitInteraction(ctx.resolve(args.task_run), (args.inputs ?? args.input)!)
    return `${args.task_run} → ${run.status}`
  },
})
