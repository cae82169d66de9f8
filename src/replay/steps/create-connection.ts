import * as z from 'zod'
import { defineStep } from '../step.js'

/** `create_connection: { as: alice, source_id: src_acme_bank, username: …, password: … }` */
export const createConnection = defineStep({
  name: 'create_connection',
  args: z.strictObject({
    as: z.string().min(1).optional(),
    source_id: z.string().min(1),
    username: z.coerce.string().optional(),
    email: z.string().optional(),
    password: z.coerce.string().optional(),
    auth_method: z.enum(['username_password', 'google_sso', 'none']).optional(),
    external_id: z.coerce.string().nullable().optional(),
  }),
  async run(ctx, { as, source_id, username, email, password, auth_method, external_id }) {
    const method = auth_method ?? (email !== undefined ? 'google_sso' : 'username_password')
    const connection = await ctx.client.connections.create({
      source_id,
      auth_method: method,
      ...(method === 'none' ? {} : { auth_credentials: { ...(email !== undefined ? { email } : { username }), password } }),
      ...(external_id !== undefined ? { external_id } : {}),
    })
    if (as) ctx.aliases.set(as, connection.id)
    return `${as ?? 'connection'} → ${connection.id} (${connection.status})`
  },
})
