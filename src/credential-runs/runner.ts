import { ACTIVE_CREDENTIAL_RUN, credentialRunErrors, type CredentialRun, type CredentialRunStatus } from '../domain/credential-run.js'
import { assert, errors, type ErrorDetail } from '../domain/errors.js'
import { readRunStep, runEnding } from '../domain/run-play.js'
import type { RunStep } from '../domain/run-script.js'
import { answerStep, expectedStepAnswer, playSteps } from '../domain/step-player.js'
import type { Task } from '../domain/task.js'
import { beforeCredentialRunCompletes, playCredentialFilesStep, playCredentialReasoningStep } from '../artifacts/credential-runs.js'
import { startRunState } from '../task-runs/run-state.js'
import type { TaskRunState, Timer } from '../store/data.js'
import { moveCredentialRun } from './moves.js'
import { CREDENTIAL_TIMERS } from './timer-kinds.js'
import { credentialRunStatesOf, findCredentialRun, findSession, findCredentialRunState } from '../credentials/world.js'
import { runSessions } from './session-port.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * Plays a task's run script for a credentials-generation run, once its
 * session is logged in: the same scenario `run:` steps as connection runs,
 * plus `review` (held in `review_required` until the control plane
 * decides). The position is stored, so a restart resumes where it was.
 */
export function prepareRunScript(tenant: Tenant, run: CredentialRun, task: Task, username: string | null): number {
  return startRunState(tenant, run.id, task, run.source_id, username, credentialRunStatesOf(tenant))
}

export function beginRunScript(tenant: Tenant, run: CredentialRun): void {
  tenant.schedule(CREDENTIAL_TIMERS.runStep, run.id, tenant.now())
}

/** A credentials-generation run holds at `review` until the control plane decides. */
const readStep = (step: RunStep | undefined) => readRunStep(step, 'hold')

/** Plays from the current position (domain/step-player.ts); a step that does not end the run makes it `running` first. */
function play(tenant: Tenant, run: CredentialRun, state: TaskRunState): void {
  playSteps(state, readStep, {
    before: ({ kind }) => {
      if (kind !== 'end' && run.status !== 'running') run = moveCredentialRun(tenant, run, 'running')
    },
    wait: ({ step }) => {
      // No `pending` status in this generation: the agent just works that long.
      if (step.kind === 'review') moveCredentialRun(tenant, run, 'review_required')
      else tenant.schedule(CREDENTIAL_TIMERS.runStep, run.id, tenant.now() + step.ms)
    },
    pass: ({ step }) => {
      if (step.kind === 'files') playCredentialFilesStep(tenant, run, state, step.files)
      if (step.kind === 'reasoning') playCredentialReasoningStep(tenant, run, state, step.text)
    },
    ask: ({ interaction }) => void moveCredentialRun(tenant, run, 'interaction_required', { interaction }),
    end: ({ step }) => {
      const ending = runEnding(step, state.output_schema, () => tenant.rng.int(2 ** 31), tenant.now())
      if (ending.status === 'failed') return void moveCredentialRun(tenant, run, 'failed', ending.changes)
      beforeCredentialRunCompletes(tenant, run, state)
      moveCredentialRun(tenant, run, 'completed', { output: ending.output })
    },
  })
}

function target(tenant: Tenant, timer: Timer, statuses: CredentialRunStatus[]) {
  const run = findCredentialRun(tenant, timer.ref)
  const state = findCredentialRunState(tenant, timer.ref)
  return run && state && statuses.includes(run.status) ? { run, state } : undefined
}

/** Schedules the check of an answer to a run-script question (the run is already `running`). */
export function scheduleScriptAnswer(tenant: Tenant, run: CredentialRun, inputs: Record<string, unknown>): void {
  tenant.schedule(CREDENTIAL_TIMERS.runAnswer, run.id, tenant.now(), { inputs })
}

export function expectedScriptAnswer(tenant: Tenant, runId: string): Record<string, string> | undefined {
  return expectedStepAnswer(findCredentialRunState(tenant, runId), readStep)
}

/** Control plane review: approve plays the rest of the script; reject fails the run. */
export function reviewRun(tenant: Tenant, run: CredentialRun, approve: boolean): CredentialRun {
  assert(run.status === 'review_required', () =>
    errors.invalidState('task run', run.status, 'review the task run (only a `review_required` run can be reviewed)'),
  )
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
    const action = answerStep(t.state, readStep, (timer.data?.inputs ?? {}) as Record<string, unknown>)
    switch (action.kind) {
      case 'play':
      case 'next':
        return play(tenant, t.run, t.state)
      case 'exhausted':
        return void moveCredentialRun(tenant, t.run, 'failed', { errors: [credentialRunErrors.interactionFailed(action.attempts)] })
      case 'again':
        moveCredentialRun(tenant, t.run, 'interaction_required', { interaction: action.interaction })
    }
  },
  [CREDENTIAL_TIMERS.runInteractionTimeout]: (tenant: Tenant, timer: Timer) => {
    const run = findCredentialRun(tenant, timer.ref)
    if (run?.status !== 'interaction_required') return
    // Unanswered during the login: the session never logged in, so it closes with the run.
    const duringLogin = runSessions(tenant).loginPending(tenant, run)
    moveCredentialRun(tenant, run, 'failed', { errors: [credentialRunErrors.interactionTimeout()] }, { release: !duringLogin })
    if (duringLogin) closeLoginSession(tenant, run.session_id)
  },
  [CREDENTIAL_TIMERS.runCancel]: (tenant: Tenant, timer: Timer) => {
    const run = findCredentialRun(tenant, timer.ref)
    if (run?.status === 'canceling') moveCredentialRun(tenant, run, 'canceled')
  },
}

function closeLoginSession(tenant: Tenant, sessionId: string): void {
  const session = findSession(tenant, sessionId)
  if (session && (session.status === 'running' || session.status === 'idle' || session.status === 'queued')) runSessions(tenant).close(tenant, session)
}
