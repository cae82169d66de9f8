import * as z from 'zod'
import { checkSchema } from '../domain/json-schema.js'
import { checkRunSteps, DEFAULT_PENDING_MS, type RunStep } from '../domain/run-script.js'
import { DEFAULT_TIMEOUT_SECONDS, TASK_STATUSES } from '../domain/task.js'
import { Duration } from './durations.js'
import { interactionStepBodies } from './interaction-step-schema.js'
import { parseNamedStep } from './named-step.js'

/**
 * Scenario `agents:` and `tasks:` (fixed ids) and each task's run script.
 * A step is written like a login step: `{ duration: 2s }`, `{ mfa: {...} }`,
 * `pending`, `{ fail: {code, message} }`, `{ output: {...} }`.
 *
 * The schemas are built on first use (by the scenario schema's own first use, or the first run without a
 * script of its own) rather than at import, like scenario/schema.ts's. Built once.
 */
function build() {
  /** File sizes: a number of bytes or `24kb`, `1.5mb` (KiB/MiB); at most 50 MB. */
  const MAX_FILE_BYTES = 50 * 1024 * 1024
  const FileSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
    const match = typeof value === 'number' ? [String(value), String(value), 'b'] : /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb)?\s*$/i.exec(value)
    const bytes = match ? Math.round(Number(match[1]) * ({ b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase() as 'b'] ?? 1)) : NaN
    if (!Number.isFinite(bytes) || bytes < 0 || bytes > MAX_FILE_BYTES) {
      ctx.addIssue({ code: 'custom', message: `expected a file size like 2048, 24kb or 1mb (at most 50mb), got ${JSON.stringify(value)}` })
      return 0
    }
    return bytes
  })
  const RunFileSchema = z
    .strictObject({
      name: z.string().min(1).max(255),
      type: z.string().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i, 'expected a MIME type like application/pdf'),
      content: z.string().optional(),
      size: FileSize.optional(),
    })
    .refine((f) => !(f.content !== undefined && f.size !== undefined), 'give `content` or `size`, not both')

  /** Task `storage:` (credentials-era contract §4). */
  const TaskStorageSchema = z.strictObject({
    enabled: z.boolean().default(false),
    extraction: z.boolean().default(false),
    deduplication: z.boolean().default(false),
    extraction_schema: z
      .lazy(() => JsonSchemaField)
      .nullable()
      .default(null),
  })
  const TaskSettingsSchema = z.strictObject({
    timeout_seconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 3600),
  })

  const message = z.string().min(1)

  const RUN_STEP_BODIES = {
    queued: Duration,
    duration: Duration,
    pending: z.union([z.null(), Duration]).transform((v) => v ?? DEFAULT_PENDING_MS),
    ...interactionStepBodies('Choose the account'),
    fail: z.strictObject({
      code: z.string().min(1),
      message: message.optional(),
      type: z.string().min(1).default('task'),
      result: z.enum(['failure', 'unknown']).default('failure'),
    }),
    review: z.null(),
    output: z.unknown(),
    files: z.array(RunFileSchema).min(1),
    reasoning: z.string().min(1).max(2000),
  } as const

  const RunStepSchema = z.unknown().transform((raw, ctx): RunStep => {
    const step = parseNamedStep(raw, RUN_STEP_BODIES, ctx, 'run step')
    if (!step) return z.NEVER
    const name = step.name
    const value = step.value as never
    switch (name as keyof typeof RUN_STEP_BODIES) {
      case 'queued':
      case 'duration':
      case 'pending':
        return { kind: name, ms: value } as RunStep
      case 'output':
        return { kind: 'output', value: step.value }
      case 'files':
        return {
          kind: 'files',
          files: (step.value as z.output<typeof RunFileSchema>[]).map((f) => ({
            name: f.name,
            type: f.type,
            ...(f.content !== undefined ? { content: f.content } : {}),
            ...(f.size !== undefined ? { size: f.size } : {}),
          })),
        }
      case 'reasoning':
        return { kind: 'reasoning', text: step.value as string }
      case 'review':
        return { kind: 'review' }
      case 'fail': {
        const f = value as { code: string; message?: string; type: string; result: 'failure' | 'unknown' }
        return { kind: 'fail', type: f.type, code: f.code, message: f.message ?? `The task failed (${f.code}).`, result: f.result }
      }
      default:
        return { kind: name, ...(value as object) } as RunStep
    }
  })

  const RunSteps = z.array(RunStepSchema).superRefine((steps, ctx) => {
    const problem = checkRunSteps(steps)
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.index] })
  })

  const JsonSchemaField = z.record(z.string(), z.unknown()).superRefine((schema, ctx) => {
    try {
      checkSchema(schema, 'schema')
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message.replace('`schema` ', '') })
    }
  })

  const ScenarioAgentSchema = z.strictObject({
    id: z.string().regex(/^agt_[A-Za-z0-9_]+$/, 'expected an id starting with agt_ (letters, digits, _)'),
    name: z.string().min(1),
    description: z.string().nullable().default(null),
  })

  const OverrideSchema = z
    .strictObject({
      source_id: z.string().min(1).optional(),
      username: z.coerce.string().min(1).optional(),
      run: RunSteps,
    })
    .refine((o) => o.source_id !== undefined || o.username !== undefined, 'an override needs `source_id`, `username` or both')

  const ScenarioTaskSchema = z.strictObject({
    id: z.string().regex(/^task_[A-Za-z0-9_]+$/, 'expected an id starting with task_ (letters, digits, _)'),
    agent_id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().nullable().default(null),
    prompt: z.string().nullable().default(null),
    status: z.enum(TASK_STATUSES).default('live'),
    input_schema: JsonSchemaField.nullable().default(null),
    output_schema: JsonSchemaField.nullable().default(null),
    settings: TaskSettingsSchema.optional(),
    storage: TaskStorageSchema.optional(),
    /** Played by every run of the task (default: running 1 s, then an output generated from output_schema). */
    run: RunSteps.optional(),
    /** First match wins: a different script for one source and/or one account (username). */
    overrides: z.array(OverrideSchema).default([]),
  })
  return { RunStepSchema, TaskStorageSchema, TaskSettingsSchema, ScenarioAgentSchema, ScenarioTaskSchema }
}

let built: ReturnType<typeof build> | undefined
export const taskSchemas = (): ReturnType<typeof build> => (built ??= build())

/** One step of a run script (`{ duration: 2s }`, `pending`, `{ fail: {...} }`…): what fixtures/default-run.json is written in. */
export const RunStepSchema = z.lazy(() => taskSchemas().RunStepSchema)

export type ScenarioAgent = z.output<ReturnType<typeof build>['ScenarioAgentSchema']>
export type ScenarioTask = z.output<ReturnType<typeof build>['ScenarioTaskSchema']>

/** Cross-checks for the scenario's superRefine: unique ids and known agents. */
export function checkTaskWorld(doc: { agents: ScenarioAgent[]; tasks: ScenarioTask[] }, ctx: z.RefinementCtx): void {
  const agents = new Set<string>()
  doc.agents.forEach((a, i) => {
    if (agents.has(a.id)) ctx.addIssue({ code: 'custom', message: `duplicate agent id "${a.id}"`, path: ['agents', i, 'id'] })
    agents.add(a.id)
  })
  const tasks = new Set<string>()
  doc.tasks.forEach((t, i) => {
    if (tasks.has(t.id)) ctx.addIssue({ code: 'custom', message: `duplicate task id "${t.id}"`, path: ['tasks', i, 'id'] })
    tasks.add(t.id)
    if (!agents.has(t.agent_id))
      ctx.addIssue({ code: 'custom', message: `unknown agent "${t.agent_id}" (define it under agents:)`, path: ['tasks', i, 'agent_id'] })
  })
}

/** A scenario task may not ask for more than the scenario's plan allows (the API would answer 403). */
export function checkTaskTimeouts(doc: { plan?: { max_task_timeout?: number | undefined } | undefined; tasks: ScenarioTask[] }, ctx: z.RefinementCtx): void {
  const cap = doc.plan?.max_task_timeout ?? DEFAULT_TIMEOUT_SECONDS * 1000
  doc.tasks.forEach((t, i) => {
    const seconds = t.settings?.timeout_seconds
    if (seconds !== undefined && seconds * 1000 > cap) {
      ctx.addIssue({
        code: 'custom',
        message: `timeout_seconds ${seconds} is above the plan's max_task_timeout (${cap / 1000}s); raise plan.max_task_timeout`,
        path: ['tasks', i, 'settings', 'timeout_seconds'],
      })
    }
  })
}
