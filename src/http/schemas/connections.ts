import * as z from 'zod'
import { AUTH_METHODS, CONNECTION_STATUSES, INTERACTION_TYPES } from '../../domain/types.js'
import { ErrorDetailSchema, ListQuery, Timestamp } from './common.js'

export const InteractionSchema = z
  .object({
    type: z.enum(INTERACTION_TYPES),
    message: z.string(),
    fields: z.array(
      z.object({
        name: z.string(),
        type: z.literal('string'),
        label: z.string(),
        options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      }),
    ),
  })
  .meta({ id: 'Interaction' })

export const ConnectionSchema = z
  .object({
    id: z.string(),
    object: z.literal('connection'),
    status: z.enum(CONNECTION_STATUSES),
    source_id: z.string(),
    auth_method: z.enum(AUTH_METHODS),
    auth_credentials: z.union([z.object({ username: z.string() }), z.object({ email: z.string() })]).nullable(),
    external_id: z.string().nullable(),
    interaction: InteractionSchema.nullable(),
    errors: z.array(ErrorDetailSchema),
    last_connected_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Connection' })

const ExternalId = z.string().max(255).nullable()

export const CreateConnectionBody = z.object({
  source_id: z.string().min(1),
  auth_method: z.enum(AUTH_METHODS).default('username_password'),
  auth_credentials: z
    .object({
      username: z.string().min(1).max(1024).optional(),
      email: z.string().min(1).max(1024).optional(),
      password: z.string().min(1).max(4096).optional(),
    })
    .nullable()
    .optional(),
  external_id: ExternalId.optional(),
})

export const UpdateConnectionBody = z.object({ external_id: ExternalId.optional() })

export const ConnectionListQuery = ListQuery.extend({
  source_id: z.string().optional(),
  status: z.enum(CONNECTION_STATUSES).optional(),
  external_id: z.string().optional(),
})

const Inputs = z.record(z.string(), z.unknown())

/** `inputs` per the contract; `input` accepted too. */
export const InteractionBody = z.object({ inputs: Inputs.optional(), input: Inputs.optional() }).transform((b, ctx) => {
  const inputs = b.inputs ?? b.input
  if (!inputs) {
    ctx.addIssue({ code: 'invalid_type', expected: 'object', input: undefined, path: ['inputs'], message: 'required' })
    return z.NEVER
  }
  return { inputs }
})
