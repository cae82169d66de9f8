import * as z from 'zod'
import { defineStep } from '../step.js'
import { sessionOf } from './credentials.js'

/**
 * `run_task: { as: r1, task_id: task_search_orders, connection: alice, input: { query: shoes } }` (connections generation), or
 * `run_task: { as: r2, task_id: …, credential: c1 | source_id: src_… | session: r1 }` (credentials generation;
 * `session: r1` reuses r1's session).
 */
export const runTask = defineStep({
  name: 'run_task',
  args: z
    .strictObject({
      as: z.string().min(1).optional(),
      task_id: z.string().min(1),
      connection: z.string().min(1).optional(),
      credential: z.string().min(1).optional(),
      source_id: z.string().min(1).optional(),
      session: z.string().min(1).optional(),
      input: z.record(z.string(), z.unknown()).optional(),
    })
    .refine((a) => a.connection ?? a.credential ?? a.source_id ?? a.session, { message: 'expected `connection`, `credential`, `source_id` or `session`' }),
  async run(ctx, { as, task_id, connection, credential, source_id, session, input }) {
    const run =
      connection !== undefined
        ? await ctx.client.tasks.run(task_id, { connection_id: ctx.resolve(connection), input: input ?? {} })
        : await ctx.client.credentialRuns.run(task_id, {
            ...(credential !== undefined ? { credential_id: ctx.resolve(credential) } : {}),
            ...(source_id !== undefined ? { source_id } : {}),
            ...(session !== undefined ? { session_id: await sessionOf(ctx, session) } : {}),
            input: input ?? {},
          })
    if (as) ctx.aliases.set(as, run.id)
    return `${as ?? 'task run'} → ${run.id} (${run.status})`
  },
})
