import * as z from 'zod'
import { defineStep } from '../step.js'

/** `cancel_task_run: { task_run: r1 }` */
export const cancelTaskRun = defineStep({
  name: 'cancel_task_run',
  args: z.strictObject({ task_run: z.string().min(1) }),
  async run(ctx, { task_run }) {
    const run = await ctx.client.taskRuns.cancel(ctx.resolve(task_run))
    return `${task_run} → ${run.status}`
  },
})
