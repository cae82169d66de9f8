import * as z from 'zod'
import type { StepContext } from '../step.js'
import { defineStep } from '../step.js'

/** Replay steps of the credentials generation (scenario-format §5). */

/** A session named by a run alias (`session: r1` = r1's session) or by its own id. */
export async function sessionOf(ctx: StepContext, ref: string): Promise<string> {
  const id = ctx.resolve(ref)
  if (id.startsWith('sess_')) return id
  return (await ctx.client.credentialRuns.get(id)).session_id
}

/** `create_credential: { as: c1, source_id: src_acme_bank, username: alice@example.com, password: correct-horse, external_id? }` */
export const createCredential = defineStep({
  name: 'create_credential',
  args: z.strictObject({
    as: z.string().min(1).optional(),
    source_id: z.string().min(1),
    username: z.coerce.string().optional(),
    password: z.coerce.string().optional(),
    external_id: z.string().nullable().optional(),
    auth_method: z.enum(['username_password', 'none']).optional(),
  }),
  async run(ctx, { as, username, password, auth_method, ...rest }) {
    const method = auth_method ?? (username !== undefined || password !== undefined ? 'username_password' : 'none')
    const credential = await ctx.client.credentials.create({
      ...rest,
      auth_method: method,
      ...(method === 'username_password' ? { auth_credentials: { username, password } } : {}),
    })
    if (as) ctx.aliases.set(as, credential.id)
    return `${as ?? 'credential'} → ${credential.id} (${credential.status})`
  },
})

/** `update_credential: { credential: c1, password?, username?, external_id? }` */
export const updateCredential = defineStep({
  name: 'update_credential',
  args: z.strictObject({
    credential: z.string().min(1),
    username: z.coerce.string().optional(),
    password: z.coerce.string().optional(),
    external_id: z.string().nullable().optional(),
  }),
  async run(ctx, { credential, username, password, external_id }) {
    const auth =
      username !== undefined || password !== undefined
        ? { auth_credentials: { ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) } }
        : {}
    const updated = await ctx.client.credentials.update(ctx.resolve(credential), { ...auth, ...(external_id !== undefined ? { external_id } : {}) })
    return `${credential} → ${updated.status}`
  },
})

/** `delete_credential: { credential: c1 }` */
export const deleteCredential = defineStep({
  name: 'delete_credential',
  args: z.strictObject({ credential: z.string().min(1) }),
  async run(ctx, { credential }) {
    const deleted = await ctx.client.credentials.delete(ctx.resolve(credential))
    return `${credential} → ${deleted.status}`
  },
})

/** `review_task_run: { task_run: r1, approve: true }` (control plane) */
export const reviewTaskRun = defineStep({
  name: 'review_task_run',
  args: z.strictObject({ task_run: z.string().min(1), approve: z.boolean().default(true) }),
  async run(ctx, { task_run, approve }) {
    const run = await ctx.client.credentialRuns.review(ctx.resolve(task_run), approve)
    return `${task_run} ${approve ? 'approved' : 'rejected'} → ${run.status}`
  },
})

/** `end_session: { session: r1 }`: ends that run's session. */
export const endSession = defineStep({
  name: 'end_session',
  args: z.strictObject({ session: z.string().min(1) }),
  async run(ctx, { session }) {
    const ended = await ctx.client.sessions.end(await sessionOf(ctx, session))
    return `session of ${session} → ${ended.status}`
  },
})
