import * as z from 'zod'
import { TASK_STATUSES } from '../../domain/task.js'
import { TASK_RUN_RESULTS, TASK_RUN_STATUSES } from '../../domain/task-run.js'
import { ListQuery, ErrorDetailSchema, Timestamp } from './common.js'
import { InteractionSchema } from './connections.js'

const Name = z.string().min(1).max(255)
const Text = z.string().max(10_000).nullable()
const JsonSchemaObject = z.record(z.string(), z.unknown()).describe('A JSON Schema (draft-07 by default; 2019-09 / 2020-12 by `$schema`).')

export const AgentSchema = z
  .object({
    id: z.string(),
    object: z.literal('agent'),
    name: z.string(),
    description: z.string().nullable(),
    tasks: z.array(z.object({ id: z.string(), object: z.literal('task'), name: z.string(), status: z.enum(TASK_STATUSES) })),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Agent' })

export const CreateAgentBody = z.object({ name: Name, description: Text.optional() })
export const UpdateAgentBody = z.object({ name: Name.optional(), description: Text.optional() })

export const TaskSchema = z
  .object({
    id: z.string(),
    object: z.literal('task'),
    name: z.string(),
    description: z.string().nullable(),
    prompt: z.string().nullable(),
    status: z.enum(TASK_STATUSES),
    agent_id: z.string(),
    input_schema: JsonSchemaObject.nullable(),
    output_schema: JsonSchemaObject.nullable(),
    settings: z
      .object({ timeout_seconds: z.number().int() })
      .optional()
      .describe('A live run still going after `timeout_seconds` (default 1800) fails with `task/timeout`.'),
    storage: z
      .object({ enabled: z.boolean(), extraction: z.boolean(), deduplication: z.boolean(), extraction_schema: JsonSchemaObject.nullable() })
      .optional()
      .describe('Runs of a task with `storage.enabled` keep files (storage items).'),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Task' })

export const CreateTaskBody = z.object({
  id: z.string().optional().describe('Optional client-chosen id (`task_…`).'),
  name: Name,
  agent_id: z.string().min(1),
  description: Text.optional(),
  prompt: Text.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  input_schema: JsonSchemaObject.nullable().optional(),
  output_schema: JsonSchemaObject.nullable().optional(),
  settings: z
    .object({
      timeout_seconds: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 3600),
    })
    .optional()
    .describe("Above the plan's maximum (scenario `plan.max_task_timeout`, default 30 min) → 403 `organization/plan_limit_exceeded`."),
  storage: z
    .object({
      enabled: z.boolean().optional(),
      extraction: z.boolean().optional(),
      deduplication: z.boolean().optional(),
      extraction_schema: JsonSchemaObject.nullable().optional(),
    })
    .optional(),
})

export const UpdateTaskBody = CreateTaskBody.omit({ id: true })
  .partial()
  .extend({ agent_id: z.string().min(1).optional() })

export const TaskListQuery = ListQuery.extend({ agent_id: z.string().optional(), status: z.enum(TASK_STATUSES).optional() })

export const RunTaskBody = z.object({
  connection_id: z.string().min(1).optional().describe('Connections generation.'),
  credential_id: z.string().min(1).optional().describe('Credentials generation: the login to run with.'),
  source_id: z.string().min(1).optional().describe("Credentials generation: defaults to the credential's source."),
  session_id: z.string().min(1).optional().describe('Credentials generation: reuse this live session (no second login).'),
  input: z.record(z.string(), z.unknown()).optional().describe("Validated against the task's input_schema."),
})

export const TaskRunSchema = z
  .object({
    id: z.string(),
    object: z.literal('task_run'),
    status: z.enum(TASK_RUN_STATUSES),
    result: z.enum(TASK_RUN_RESULTS).nullable(),
    task_id: z.string(),
    agent_id: z.string(),
    source_id: z.string(),
    connection_id: z.string(),
    external_id: z.string().nullable().describe("The connection's external_id."),
    input: z.record(z.string(), z.unknown()),
    output: z.unknown().describe("Conforms to the task's output_schema on success; null otherwise."),
    errors: z.array(ErrorDetailSchema),
    interaction: InteractionSchema.nullable(),
    runtime_ms: z.number().int().nullable(),
    canceled_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
    storage: z.array(z.record(z.string(), z.unknown())).optional().describe("With `include=storage`: the run's storage items, each with a signed `url`."),
    artifacts: z
      .object({ screenshots: z.array(z.record(z.string(), z.unknown())) })
      .optional()
      .describe('With `include=artifacts` (or `screenshots`).'),
  })
  .meta({ id: 'TaskRun' })
