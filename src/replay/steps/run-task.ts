import { z } from 'zod'
import { defineStep } from '../step.js'

/** `run_task: { as: r1, task_id: task_search_orders, connection: alice, input: { query: shoes } }` */
export const runTask = defineStep({
  name: 'run_task',
  args: z.strictObject({
    as: z.string().min(1).optional(),
    task_id: z.string().min(1),
    connection: z.string().min(1),
    input: z.record(z.string(), z.unknown()).optional(),
  }),
  async run(ctx, { as, task_id, connection, input }) {
    const run = await ctx.client.tasks.run(task_id, { connection_id: ctx.resolve(connection), input: input ?? {} })
    if (as) ctx.aliases.set(as, run.id)
    return `${as ?? 'task run'} → ${run.id} (${run.status})`
  },
})
