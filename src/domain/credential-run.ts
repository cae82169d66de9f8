import type { EventDraft, TransitionResult } from './connection.js'
import { errors, type ErrorDetail } from './errors.js'
import type { IncludeSection } from './include.js'
import { movedRun, type TaskRunResult } from './task-run.js'
import type { Interaction, Iso } from './types.js'

/**
 * A task run of the credentials generation (credentials contract §3): it
 * belongs to a credential (or just a source) and runs in a session, where
 * the login happens. Its own statuses (`canceling`, `review_required`) and
 * shape; connection runs (domain/task-run.ts) are untouched by it.
 */
export const CREDENTIAL_RUN_STATUSES = ['queued', 'running', 'interaction_required', 'review_required', 'completed', 'failed', 'canceling', 'canceled'] as const
export type CredentialRunStatus = (typeof CREDENTIAL_RUN_STATUSES)[number]

export const CREDENTIAL_RUN_TRANSITIONS: Record<CredentialRunStatus, readonly CredentialRunStatus[]> = {
  queued: ['running', 'failed', 'canceling'],
  running: ['interaction_required', 'review_required', 'completed', 'failed', 'canceling'],
  interaction_required: ['running', 'failed', 'canceling'],
  // Approved → the rest of the script (running, or completed at once); rejected → failed.
  review_required: ['running', 'completed', 'failed', 'canceling'],
  canceling: ['canceled'],
  completed: [],
  failed: [],
  canceled: [],
}

export const CANCELABLE_CREDENTIAL_RUN: readonly CredentialRunStatus[] = ['queued', 'running', 'interaction_required', 'review_required']
export const ACTIVE_CREDENTIAL_RUN: readonly CredentialRunStatus[] = [...CANCELABLE_CREDENTIAL_RUN, 'canceling']

export interface CredentialRun {
  id: string
  object: 'task_run'
  status: CredentialRunStatus
  result: TaskRunResult | null
  task_id: string
  credential_id: string | null
  session_id: string
  workflow_id: null
  agent_id: string
  source_id: string
  runtime_ms: number | null
  output: unknown
  errors: ErrorDetail[]
  interaction: Interaction | null
  canceled_at: Iso | null
  created_at: Iso
  updated_at: Iso
  /** Shown only with `include=input` (and in the 201 response). */
  input: Record<string, unknown>
}

export interface CredentialRunChanges {
  interaction?: Interaction
  output?: unknown
  errors?: ErrorDetail[]
  result?: TaskRunResult
  runtime_ms?: number
}

const canTransitionCredentialRun = (from: CredentialRunStatus, to: CredentialRunStatus): boolean => CREDENTIAL_RUN_TRANSITIONS[from].includes(to)

/** The API object: core fields always; `input` only when asked (left-out sections are omitted, not null). */
export function credentialRunView(run: CredentialRun, include: ReadonlySet<IncludeSection>): Record<string, unknown> {
  const { input, ...core } = run
  return include.has('input') ? { ...core, input } : core
}

/** Event payload (contract §3): a summary plus the credential's current external_id. */
function credentialRunEvent(run: CredentialRun, externalId: string | null): EventDraft {
  const { id, object, status, result, task_id, credential_id, session_id, agent_id, source_id, runtime_ms, created_at, updated_at } = run
  return {
    type: `task_run.${status}`,
    data: { id, object, status, result, task_id, credential_id, session_id, agent_id, source_id, runtime_ms, created_at, updated_at, external_id: externalId },
  }
}

export function transitionCredentialRun(
  run: CredentialRun,
  to: CredentialRunStatus,
  nowIso: string,
  changes: CredentialRunChanges = {},
  externalId: string | null = null,
): TransitionResult<CredentialRun> {
  if (!canTransitionCredentialRun(run.status, to)) throw errors.invalidState('task run', run.status, `move the task run to \`${to}\``)
  const next = movedRun(run, to, nowIso, changes)
  return { object: next, events: [credentialRunEvent(next, externalId)] }
}

export function newCredentialRun(
  fields: Pick<CredentialRun, 'id' | 'task_id' | 'credential_id' | 'session_id' | 'agent_id' | 'source_id' | 'input' | 'created_at'>,
  externalId: string | null,
): TransitionResult<CredentialRun> {
  const run: CredentialRun = {
    id: fields.id,
    object: 'task_run',
    status: 'queued',
    result: null,
    task_id: fields.task_id,
    credential_id: fields.credential_id,
    session_id: fields.session_id,
    workflow_id: null,
    agent_id: fields.agent_id,
    source_id: fields.source_id,
    runtime_ms: null,
    output: null,
    errors: [],
    interaction: null,
    canceled_at: null,
    created_at: fields.created_at,
    updated_at: fields.created_at,
    input: fields.input,
  }
  return { object: run, events: [credentialRunEvent(run, externalId)] }
}

/** Run-level errors of this generation (contract §1), inside a run's `errors[]`. */
export const credentialRunErrors = {
  authInvalid: (message = 'The source rejected the credential.'): ErrorDetail => ({ type: 'auth', code: 'auth_invalid', message }),
  sourceBlocked: (message = 'The source blocked the login (anti-bot or account lock).'): ErrorDetail => ({ type: 'source', code: 'source_blocked', message }),
  sessionTimeout: (message = 'The session timed out while logging in at the source.'): ErrorDetail => ({ type: 'session', code: 'timeout', message }),
  sessionEnded: (message = 'The browser session was dropped by the source during the run.'): ErrorDetail => ({
    type: 'session',
    code: 'session_ended',
    message,
  }),
  interactionTimeout: (): ErrorDetail => ({
    type: 'interaction',
    code: 'interaction_timeout',
    message: 'The interaction was not answered in time. Submit a new task run.',
  }),
  interactionFailed: (attempts: number): ErrorDetail => ({ type: 'interaction', code: 'interaction_failed', message: `Too many wrong answers (${attempts}).` }),
  reviewRejected: (): ErrorDetail => ({ type: 'task', code: 'review_rejected', message: 'The run was rejected at review.' }),
  browserUnavailable: (message: string): ErrorDetail => ({ type: 'session', code: 'browser_unavailable', message }),
}
