import type { EventDraft, TransitionResult } from './connection.js'
import { errors, type ErrorDetail } from './errors.js'
import type { Interaction, Iso } from './types.js'

/**
 * The task-run state machine (contract §4, research §5.2). Like connections,
 * every status change goes through `transitionTaskRun()`, which returns the
 * new object and the event drafts; services only store and emit them.
 */
export const TASK_RUN_STATUSES = ['queued', 'running', 'interaction_required', 'pending', 'completed', 'failed', 'canceled'] as const
export type TaskRunStatus = (typeof TASK_RUN_STATUSES)[number]

export const TASK_RUN_RESULTS = ['success', 'failure', 'unknown'] as const
export type TaskRunResult = (typeof TASK_RUN_RESULTS)[number]

export const TASK_RUN_TRANSITIONS: Record<TaskRunStatus, readonly TaskRunStatus[]> = {
  // `failed` from every live status: a session drop can end a run anywhere.
  queued: ['running', 'failed', 'canceled'],
  running: ['interaction_required', 'pending', 'completed', 'failed', 'canceled'],
  interaction_required: ['running', 'failed'],
  pending: ['completed', 'failed', 'canceled'],
  completed: [],
  failed: [],
  canceled: [],
}

export const CANCELABLE: readonly TaskRunStatus[] = ['queued', 'running', 'pending']
export const ACTIVE_TASK_RUN: readonly TaskRunStatus[] = ['queued', 'running', 'interaction_required', 'pending']

export interface TaskRun {
  id: string
  object: 'task_run'
  status: TaskRunStatus
  result: TaskRunResult | null
  task_id: string
  agent_id: string
  source_id: string
  connection_id: string
  input: Record<string, unknown>
  output: unknown
  errors: ErrorDetail[]
  interaction: Interaction | null
  runtime_ms: number | null
  canceled_at: Iso | null
  created_at: Iso
  updated_at: Iso
}

export interface TaskRunChanges {
  interaction?: Interaction
  output?: unknown
  errors?: ErrorDetail[]
  result?: TaskRunResult
  /** Time since the run started `running`; the service knows when that was. */
  runtime_ms?: number
}

function canTransitionTaskRun(from: TaskRunStatus, to: TaskRunStatus): boolean {
  return TASK_RUN_TRANSITIONS[from].includes(to)
}

export type TaskRunView = TaskRun & { external_id: string | null }

/**
 * What the API and events show: the run plus its connection's current
 * `external_id` (contract §5), placed after `connection_id`. It is looked up
 * when shown, not copied, because a connection's external_id can be patched.
 */
export function taskRunView(run: TaskRun, externalId: string | null): TaskRunView {
  const { id, object, status, result, task_id, agent_id, source_id, connection_id, ...rest } = run
  return { id, object, status, result, task_id, agent_id, source_id, connection_id, external_id: externalId, ...rest }
}

function taskRunEvent(run: TaskRun, externalId: string | null): EventDraft {
  return { type: `task_run.${run.status}`, data: { ...taskRunView(run, externalId) } }
}

const DEFAULT_RESULT: Partial<Record<TaskRunStatus, TaskRunResult>> = { completed: 'success', failed: 'failure' }

export function transitionTaskRun(
  run: TaskRun,
  to: TaskRunStatus,
  nowIso: string,
  changes: TaskRunChanges = {},
  externalId: string | null = null,
): TransitionResult<TaskRun> {
  if (!canTransitionTaskRun(run.status, to)) {
    throw errors.invalidState('task run', run.status, `move the task run to \`${to}\``)
  }
  const next = movedRun(run, to, nowIso, changes)
  return { object: next, events: [taskRunEvent(next, externalId)] }
}

/** The fields every status move sets, the same for both generations' runs (this one and domain/credential-run.ts). */
interface MovableRun {
  status: string
  result: TaskRunResult | null
  output: unknown
  errors: ErrorDetail[]
  interaction: Interaction | null
  runtime_ms: number | null
  canceled_at: string | null
  updated_at: string
}

export function movedRun<R extends MovableRun>(run: R, to: R['status'], nowIso: string, changes: TaskRunChanges): R {
  return {
    ...run,
    status: to,
    // null while the run is live; canceled runs have no result either (emulator decision).
    result: changes.result ?? DEFAULT_RESULT[to as TaskRunStatus] ?? null,
    output: to === 'completed' ? (changes.output ?? null) : null,
    errors: changes.errors ?? run.errors,
    interaction: to === 'interaction_required' ? (changes.interaction ?? run.interaction) : null,
    runtime_ms: changes.runtime_ms ?? run.runtime_ms,
    // `canceled` is final, so before it the field is always null.
    canceled_at: to === 'canceled' ? nowIso : run.canceled_at,
    updated_at: nowIso,
  }
}

export function newTaskRun(
  fields: Pick<TaskRun, 'id' | 'task_id' | 'agent_id' | 'source_id' | 'connection_id' | 'input' | 'created_at'>,
  externalId: string | null = null,
): TransitionResult<TaskRun> {
  // Built field by field so the JSON keys come out in the documented order.
  const run: TaskRun = {
    id: fields.id,
    object: 'task_run',
    status: 'queued',
    result: null,
    task_id: fields.task_id,
    agent_id: fields.agent_id,
    source_id: fields.source_id,
    connection_id: fields.connection_id,
    input: fields.input,
    output: null,
    errors: [],
    interaction: null,
    runtime_ms: null,
    canceled_at: null,
    created_at: fields.created_at,
    updated_at: fields.created_at,
  }
  return { object: run, events: [taskRunEvent(run, externalId)] }
}

/** The `errors[]` entries a failed run carries. */
export const taskRunErrors = {
  interactionTimeout: (): ErrorDetail => ({
    type: 'interaction',
    code: 'interaction_timeout',
    message: 'The interaction was not answered in time. Submit a new task run.',
  }),
  interactionFailed: (attempts: number): ErrorDetail => ({ type: 'interaction', code: 'interaction_failed', message: `Too many wrong answers (${attempts}).` }),
  sessionEnded: (status: string): ErrorDetail => ({
    type: 'connection',
    code: 'session_ended',
    message: `The connection's session ended during the run (the connection is now \`${status}\`).`,
  }),
}
