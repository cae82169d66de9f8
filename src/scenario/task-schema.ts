import { z } from 'zod'
import { checkSchema } from '../domain/json-schema.js'
import { DEFAULT_TIMINGS } from '../domain/login-script.js'
import { checkRunSteps, DEFAULT_PENDING_MS, type RunStep } from '../domain/run-script.js'
import { TASK_STATUSES } from '../domain/task.js'
import { parseDuration } from '../domain/duration.js'
import { parseNamedStep } from './named-step.js'

/**
 * Scenario `agents:` and `tasks:` (fixed ids) and each task's run script.
 * A step is written like a login step: `{ duration: 2s }`, `{ mfa: {...} }`,
 * `pending`, `{ fail: {code, message} }`, `{ output: {...} }`.
 */
// Not imported from ./schema.ts: that module imports this one, and the cycle would leave it undefined here.
const Duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value)
  if (ms === undefined) ctx.addIssue({ code: 'custom', message: `expected a duration like 150ms, 5s, 10m or 1h, got ${JSON.stringify(value)}` })
  return ms ?? 0
})
const maxAttempts = z.number().int().min(1).max(100).default(DEFAULT_TIMINGS.max_attempts)
const message = z.string().min(1)

const RUN_STEP_BODIES = {
  queued: Duration,
  duration: Duration,
  pending: z.union([z.null(), Duration]).transform((v) => v ?? DEFAULT_PENDING_MS),
  mfa: z.strictObject({ message: message.default('Enter the 6-digit code we sent you'), code: z.coerce.string().min(1), max_attempts: maxAttempts }),
  security_question: z.strictObject({ question: message, answer: z.coerce.string().min(1), max_attempts: maxAttempts }),
  account_selection: z.strictObject({
    message: message.default('Choose the account'),
    accounts: z.array(z.strictObject({ id: z.coerce.string().min(1), name: z.string().min(1) })).min(1),
    pick: z.coerce.string().optional(),
    max_attempts: maxAttempts,
  }),
  fail: z.strictObject({
    code: z.string().min(1),
    message: message.optional(),
    type: z.string().min(1).default('task'),
    result: z.enum(['failure', 'unknown']).default('failure'),
  }),
  review: z.null(),
  output: z.unknown(),
} as const
type RunStepName = keyof typeof RUN_STEP_BODIES

export const RunStepSchema = z.unknown().transform((raw, ctx): RunStep => {
  const step = parseNamedStep(raw, RUN_STEP_BODIES, ctx, 'run step')
  if (!step) return z.NEVER
  const name = step.name
  const value = step.value as never
  switch (name as RunStepName) {
    case 'queued': case 'duration': case 'pending':
      return { kind: name, ms: value } as RunStep
    case 'output':
      return { kind: 'output', value: step.value }
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

export const ScenarioAgentSchema = z.strictObject({
  id: z.string().regex(/^agt_[A-Za-z0-9_]+$/, 'expected an id starting with agt_ (letters, digits, _)'),
  name: z.string().min(1),
  description: z.string().nullable().default(null),
})

const OverrideSchema = z.strictObject({
  source_id: z.string().min(1).optional(),
  username: z.coerce.string().min(1).optional(),
  run: RunSteps,
}).refine((o) => o.source_id !== undefined || o.username !== undefined, 'an override needs `source_id`, `username` or both')

export const ScenarioTaskSchema = z.strictObject({
  id: z.string().regex(/^task_[A-Za-z0-9_]+$/, 'expected an id starting with task_ (letters, digits, _)'),
  agent_id: z.string().min(1),
  name: z.string().min(1),
  description: z.string().nullable().default(null),
  prompt: z.string().nullable().default(null),
  status: z.enum(TASK_STATUSES).default('live'),
  input_schema: JsonSchemaField.nullable().default(null),
  output_schema: JsonSchemaField.nullable().default(null),
  /** Played by every run of the task (default: running 1 s, then an output generated from output_schema). */
  run: RunSteps.optional(),
  /** First match wins: a different script for one source and/or one account (username). */
  overrides: z.array(OverrideSchema).default([]),
})

export type ScenarioAgent = z.output<typeof ScenarioAgentSchema>
export type ScenarioTask = z.output<typeof ScenarioTaskSchema>

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
    if (!agents.has(t.agent_id)) ctx.addIssue({ code: 'custom', message: `unknown agent "${t.agent_id}" (define it under agents:)`, path: ['tasks', i, 'agent_id'] })
  })
}
