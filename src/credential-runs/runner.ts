import { ACTIVE_CREDENTIAL_RUN, credentialRunErrors, type CredentialRun, type CredentialRunStatus } from '../domain/credential-run.js'
import { assert, errors, type ErrorDetail } from '../domain/errors.js'
import { expectedAnswer, interactionFor, judgeAnswer } from '../domain/interaction.js'
import { generateOutput } from '../domain/json-schema.js'
import { isRunInteraction, resolveRun } from '../domain/run-script.js'
import { defaultRun } from '../fixtures/default-run.js'
import { DEFAULT_TASK_STORAGE, DEFAULT_TIMEOUT_SECONDS, type Task } from '../domain/task.js'
import { beforeCredentialRunCompletes, playCredentialFilesStep, playCredentialReasoningStep } from '../artifacts/credential-runs.js'
import { scheduleRunTimeout } from '../task-runs/timeout.js'
import type { TaskRunState, Timer } from '../store/data.js'
import { moveCredentialRun } from './moves.js'
import { CREDENTIAL_TIMERS } from './timer-kinds.js'
import { credentialRunStatesOf, findCredentialRun } from '../credentials/world.js'
import { loginPendingFor } from '../sessions/login.js'
import { closeSession } from '../sessions/service.js'
import type { Tenant } from '../tenant/tenant.js'
import { taskScriptsIn } from '../tasks/collections.js'

/**
 * Plays a task's run script for a credentials-generation run, once its
 * session is logged in: the same scenario `run:` steps as connection runs,
 * plus `review` (held in `review_required` until the control plane
 * decides). The position is stored, so a restart resumes where it was.
 */
export function prepareRunScript(tenant: Tenant, run: CredentialRun, task: Task, username: string | null): number {
  const steps = resolveRun(taskScriptsIn(tenant)[task.id], run.source_id, username, defaultRun())
  const first = steps[0]
  const queued = first?.kind === 'queued'
  const timeout = task.settings?.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS
  const state: TaskRunState = { steps, index: queued ? 1 : 0, attempts: 0, started_at: null, output_schema: task.output_schema }
  // As for connection runs: only storage tasks and long timeouts add to the stored state.
  if ((task.storage ?? DEFAULT_TASK_STORAGE).enabled) state.storage = task.storage!
  if (timeout !== DEFAULT_TIMEOUT_SECONDS) state.timeout_seconds = timeout
  credentialRunStatesOf(tenant)[run.id] = state
  // The task's timeout counts from the run's creation, the login included (both generations alike).
  scheduleRunTimeout(tenant, run.id, timeout)
  return queued ? first.ms : 0
}

export function beginRunScript(tenant: Tenant, run: CredentialRun): void {
  tenant.schedule(CREDENTIAL_TIMERS.runStep, run.id, tenant.now())
}

function play(tenant: Tenant, run: CredentialRun, state: TaskRunState): void {
  const step = state.steps[state.index]
  if (!step) return complete(tenant, run, state)
  if (step.kind === 'output') {
    beforeCredentialRunCompletes(tenant, run, state)
    return void moveCredentialRun(tenant, run, 'completed', { output: step.value })
  }
  if (step.kind === 'fail') {
    return void moveCredentialRun(tenant, run, 'failed', { errors: [{ type: step.type, code: step.code, message: step.message }], result: step.result })
  }
  if (run.status !== 'running') run = moveCredentialRun(tenant, run, 'running')
  switch (step.kind) {
    case 'queued':
    case 'duration':
    case 'pending': // no `pending` status in this generation: the agent just works that long
      state.index++
      tenant.schedule(CREDENTIAL_TIMERS.runStep, run.id, tenant.now() + step.ms)
      return
    case 'review':
      state.index++
      moveCredentialRun(tenant, run, 'review_required')
      return
    case 'files':
      state.index++
      playCredentialFilesStep(tenant, run, state, step.files)
      return play(tenant, run, state)
    case 'reasoning':
      state.index++
      playCredentialReasoningStep(tenant, run, state, step.text)
      return play(tenant, run, state)
    default:
      moveCredentialRun(tenant, run, 'interaction_required', { interaction: interactionFor(step, state.attempts > 0) })
  }
}

function complete(tenant: Tenant, run: CredentialRun, state: TaskRunState): void {
  let output: unknown
  try {
    output = generateOutput(state.output_schema, tenant.rng.int(2 ** 31), tenant.now())
  } catch (error) {
    const message = `The emulator could not generate an output for this output_schema (${(error as Error).message}); script an \`output\` for this task.`
    moveCredentialRun(tenant, run, 'failed', { errors: [{ type: 'task', code: 'output_generation_failed', message }] })
    return
  }
  beforeCredentialRunCompletes(tenant, run, state)
  moveCredentialRun(tenant, run, 'completed', { output })
}

function target(tenant: Tenant, timer: Timer, statuses: CredentialRunStatus[]) {
  const run = findCredentialRun(tenant, timer.ref)
  const state = tenant.data.credential_run_states?.[timer.ref]
  return run && state && statuses.includes(run.status) ? { run, state } : undefined
}

/** Schedules the check of an answer to a run-script question (the run is already `running`). */
export function scheduleScriptAnswer(tenant: Tenant, run: CredentialRun, inputs: Record<string, unknown>): void {
  tenant.schedule(CREDENTIAL_TIMERS.runAnswer, run.id, tenant.now(), { inputs })
}

export function expectedScriptAnswer(tenant: Tenant, runId: string): Record<string, string> | undefined {
  const state = tenant.data.credential_run_states?.[runId]
  const step = state?.steps[state.index]
  return step && isRunInteraction(step) ? expectedAnswer(step) : undefined
}

/** Control plane review: approve plays the rest of the script; reject fails the run. */
export function reviewRun(tenant: Tenant, run: CredentialRun, approve: boolean): CredentialRun {
  assert(run.status === 'review_required', () => errors.invalidState('task run', run.status, 'review the task run (only a `review_required` run can be reviewed)'))
  if (!approve) return moveCredentialRun(tenant, run, 'failed', { errors: [credentialRunErrors.reviewRejected()] })
  const state = credentialRunStatesOf(tenant)[run.id]!
  play(tenant, run, state)
  return findCredentialRun(tenant, run.id)!
}

/**
 * `task/timeout` for a credentials-generation run: failed wherever it is (its login or a pending answer
 * included), except while it waits in `review_required`: that is a person's decision, not execution,
 * and only the control plane ends it (README → Decisions).
 */
export function failCredentialRunOnTimeout(tenant: Tenant, runId: string, error: ErrorDetail): boolean {
  const run = findCredentialRun(tenant, runId)
  if (!run || !ACTIVE_CREDENTIAL_RUN.includes(run.status) || run.status === 'review_required') return false
  moveCredentialRun(tenant, run, 'failed', { errors: [error] })
  return true
}

export const credentialRunTimerHandlers = {
  [CREDENTIAL_TIMERS.runStep]: (tenant: Tenant, timer: Timer) => {
    const t = target(tenant, timer, ['running'])
    if (t) play(tenant, t.run, t.state)
  },
  [CREDENTIAL_TIMERS.runAnswer]: (tenant: Tenant, timer: Timer) => {
    const t = target(tenant, timer, ['running'])
    if (!t) return
    const step = t.state.steps[t.state.index]
    if (!step || !isRunInteraction(step)) return play(tenant, t.run, t.state)
    const { verdict, attempts } = judgeAnswer(step, (timer.data?.inputs ?? {}) as Record<string, unknown>, t.state.attempts)
    t.state.attempts = attempts
    if (verdict === 'correct') {
      t.state.index++
      return play(tenant, t.run, t.state)
    }
    if (verdict === 'exhausted') return void moveCredentialRun(tenant, t.run, 'failed', { errors: [credentialRunErrors.interactionFailed(attempts)] })
    moveCredentialRun(tenant, t.run, 'interaction_required', { interaction: interactionFor(step, true) })
  },
  [CREDENTIAL_TIMERS.runInteractionTimeout]: (tenant: Tenant, timer: Timer) => {
    const run = findCredentialRun(tenant, timer.ref)
    if (run?.status !== 'interaction_required') return
    // Unanswered during the login: the session never logged in, so it closes with the run.
    const duringLogin = loginPendingFor(tenant, run)
    moveCredentialRun(tenant, run, 'failed', { errors: [credentialRunErrors.interactionTimeout()] }, { release: !duringLogin })
    if (duringLogin) closeLoginSession(tenant, run.session_id)
  },
  [CREDENTIAL_TIMERS.runCancel]: (tenant: Tenant, timer: Timer) => {
    const run = findCredentialRun(tenant, timer.ref)
    if (run?.status === 'canceling') moveCredentialRun(tenant, run, 'canceled')
  },
}

function closeLoginSession(tenant: Tenant, sessionId: string): void {
  const session = tenant.data.sessions?.[sessionId]
  if (session && (session.status === 'running' || session.status === 'idle' || session.status === 'queued')) closeSession(tenant, session)
}
