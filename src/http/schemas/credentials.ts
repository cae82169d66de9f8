import * as z from 'zod'
import { CREDENTIAL_AUTH_METHODS, CREDENTIAL_STATUSES } from '../../domain/credential.js'
import { CREDENTIAL_RUN_STATUSES } from '../../domain/credential-run.js'
import { SESSION_STATUSES } from '../../domain/session.js'
import { TASK_RUN_RESULTS, TASK_RUN_STATUSES } from '../../domain/task-run.js'
import { arrayParam } from '../query.js'
import { ErrorDetailSchema, ListQuery, Timestamp } from './common.js'
import { InteractionSchema } from './connections.js'

/** Schemas of the credentials generation (credentials contract §2–3). */
export const CredentialSchema = z
  .object({
    id: z.string(),
    object: z.literal('credential'),
    status: z.enum(CREDENTIAL_STATUSES),
    source_id: z.string(),
    auth_method: z.enum(CREDENTIAL_AUTH_METHODS),
    auth_credentials: z
      .object({
        username: z.string(),
        key: z.null(),
        source_fields: z.record(z.string(), z.string()).optional(),
      })
      .nullable()
      .describe('A summary: never the password.'),
    external_id: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    deleted: z.literal(true).optional(),
  })
  .meta({ id: 'Credential' })

const ExternalId = z.string().max(255).nullable()
const AuthCredentials = z.object({
  username: z.string().min(1).max(1024).optional(),
  password: z.string().min(1).max(4096).optional(),
  source_fields: z.record(z.string(), z.unknown()).optional(),
})

export const CreateCredentialBody = z.object({
  source_id: z.string().min(1),
  auth_method: z.enum(CREDENTIAL_AUTH_METHODS).optional(),
  auth_credentials: AuthCredentials.nullable().optional(),
  external_id: ExternalId.optional(),
})

export const UpdateCredentialBody = z.object({ external_id: ExternalId.optional(), auth_credentials: AuthCredentials.optional() })

export const CredentialListQuery = ListQuery.extend({
  source_id: arrayParam(z.string().min(1)).optional(),
  status: arrayParam(z.enum(CREDENTIAL_STATUSES)).optional(),
  external_id: z.string().optional(),
})

export const SessionSchema = z
  .object({
    id: z.string(),
    object: z.literal('session'),
    status: z.enum(SESSION_STATUSES),
    runtime_ms: z.number().int(),
    task_runs: z.array(z.object({ id: z.string(), task_id: z.string(), agent_id: z.string(), credential_id: z.string().nullable() })),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Session' })

export const CredentialTaskRunSchema = z
  .object({
    id: z.string(),
    object: z.literal('task_run'),
    status: z.enum(CREDENTIAL_RUN_STATUSES),
    result: z.enum(TASK_RUN_RESULTS).nullable(),
    task_id: z.string(),
    credential_id: z.string().nullable(),
    session_id: z.string(),
    workflow_id: z.null(),
    agent_id: z.string(),
    source_id: z.string(),
    runtime_ms: z.number().int().nullable(),
    output: z.unknown(),
    errors: z.array(ErrorDetailSchema),
    interaction: InteractionSchema.nullable(),
    canceled_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    input: z.record(z.string(), z.unknown()).optional().describe('Only with `include=input` (and in the 201 response).'),
  })
  .meta({ id: 'CredentialTaskRun' })

/** Every status of either generation, plus the `cancelling` alias. */
const ANY_RUN_STATUS = [...new Set([...TASK_RUN_STATUSES, ...CREDENTIAL_RUN_STATUSES, 'cancelling'])] as [string, ...string[]]
const Instant = z.iso.datetime({ offset: true })

/** `GET /v2/task-runs` for both generations: arrays as repeats, `status[]=` or comma lists. */
export const AnyTaskRunListQuery = ListQuery.extend({
  connection_id: z.string().optional(),
  credential_id: z.string().optional(),
  task_id: z.string().optional(),
  agent_id: z.string().optional(),
  source_id: arrayParam(z.string().min(1)).optional(),
  status: arrayParam(z.enum(ANY_RUN_STATUS)).optional(),
  result: z.enum(TASK_RUN_RESULTS).optional(),
  outcome: arrayParam(z.enum(TASK_RUN_RESULTS)).optional(),
  search: z.string().min(1).max(255).optional(),
  created_after: Instant.optional(),
  created_before: Instant.optional(),
  include: z.string().optional(),
})

export const IncludeQuery = z.object({ include: z.union([z.string(), z.array(z.string())]).optional() })
