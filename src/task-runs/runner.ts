import { readRunStep, runEnding } from '../domain/run-play.js'
import type { RunStep } from '../domain/run-script.js'
import { startRunState } from './run-state.js'
import { answerStep, expectedStepAnswer, playSteps } from '../domain/step-player.js'
import { taskRunErrors, type TaskRun, type TaskRunStatus } from '../domain/task-run.js'
import type { Task } from '../domain/task.js'
import type { Connection } from '../domain/types.js'
import type { TaskRunState, Timer } from '../store/data.js'
import { touchConnection } from '../connections/moves.js'
import { activeRuns, moveTaskRun, TASK_RUN_TIMERS } from './moves.js'
import type { ConnectionMovedHook, Tenant, TimerHandler } from '../tenant/tenant.js'
import { beforeComplete, playFilesStep, playReasoningStep } from '../artifacts/connection-runs.js'
import { runTimeoutHandlers } from './timeout.js'
import { failCredentialRunOnTimeout } from '../credential-runs/runner.js'
import { findConnection } from '../connections/state.js'
import { findTaskRun, findTaskRunState, taskRunStatesOf } from './state.js'

/**
 * Plays a task's run script on the tenant's clock, like the login runner
 * does for sources: the position is stored, so a run interrupted by a
 * restart resumes where it was.
 */
export function beginRun(tenant: Tenant, run: TaskRun, task: Task, connection: Connection): void {
  const creds = connection.auth_credentials
  const username = creds ? ('username' in creds ? creds.username : creds.email) : null
  const queuedFor = startRunState(tenant, run.id, task, connection.source_id, username, taskRunStatesOf(tenant))
  tenant.schedule(TASK_RUN_TIMERS.step, run.id, tenant.now() + queuedFor)
}

/** A connection run has no `review_required`: its `review` steps pass. */
const readStep = (step: RunStep | undefined) => readRunStep(step, 'pass')

/** Plays from the current position (domain/step-player.ts) until a step waits or ends the run. */
function play(tenant: Tenant, run: TaskRun, state: TaskRunState): void {
  if (run.status === 'queued') run = moveTaskRun(tenant, run, 'running')
  playSteps(state, readStep, {
    wait: ({ step }) => {
      if (step.kind === 'pending') moveTaskRun(tenant, run, 'pending')
      tenant.schedule(TASK_RUN_TIMERS.step, run.id, tenant.now() + step.ms)
    },
    pass: ({ step }) => {
      if (step.kind === 'files') playFilesStep(tenant, run, state, step.files)
      if (step.kind === 'reasoning') playReasoningStep(tenant, run, state, step.text)
    },
    ask: ({ interaction }) => void moveTaskRun(tenant, run, 'interaction_required', { interaction }),
    end: ({ step }) => {
      const ending = runEnding(step, state.output_schema, () => tenant.rng.int(2 ** 31), tenant.now())
      if (ending.status === 'failed') return void moveTaskRun(tenant, run, 'failed', ending.changes)
      beforeComplete(tenant, run, state)
      moveTaskRun(tenant, run, 'completed', { output: ending.output })
    },
  })
}

/** The run a timer is about, if it is still in one of the statuses the timer expects. */
function timerTarget(tenant: Tenant, timer: Timer, statuses: TaskRunStatus[]) {
  const run = findTaskRun(tenant, timer.ref)
  const state = findTaskRunState(tenant, timer.ref)
  return run && state && statuses.includes(run.status) ? { run, state } : undefined
}

const onStep: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, ['queued', 'running', 'pending'])
  if (target) play(tenant, target.run, target.state)
}

const onAnswer: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, ['running'])
  if (!target) return
  const { run, state } = target
  const action = answerStep(state, readStep, (timer.data?.inputs ?? {}) as Record<string, unknown>)
  switch (action.kind) {
    case 'play':
    case 'next':
      return play(tenant, run, state)
    case 'exhausted':
      moveTaskRun(tenant, run, 'failed', { errors: [taskRunErrors.interactionFailed(action.attempts)] })
      return
    case 'again':
      moveTaskRun(tenant, run, 'interaction_required', { interaction: action.interaction })
  }
}

const onInteractionTimeout: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, ['interaction_required'])
  if (target) moveTaskRun(tenant, target.run, 'failed', { errors: [taskRunErrors.interactionTimeout()] })
}

/** Schedules the check of a submitted answer (the run is already back to `running`). */
export function scheduleRunAnswer(tenant: Tenant, run: TaskRun, inputs: Record<string, unknown>): void {
  tenant.schedule(TASK_RUN_TIMERS.answer, run.id, tenant.now(), { inputs })
}

/** What the pending interaction expects, for the control plane (a test cannot read the SMS). */
export function expectedRunInputs(tenant: Tenant, runId: string): Record<string, string> | undefined {
  return expectedStepAnswer(findTaskRunState(tenant, runId), readStep)
}

/** A connection that leaves `connected` takes its live runs down with it: the browser session is gone. */
export const failRunsOnSessionEnd: ConnectionMovedHook = (tenant, connection, from) => {
  if (from !== 'connected' || connection.status === 'connected') return
  for (const run of activeRuns(tenant, connection.id)) {
    moveTaskRun(tenant, run, 'failed', { errors: [taskRunErrors.sessionEnded(connection.status)] })
  }
}

/**
 * Wraps the connection idle-timeout handler: a connection with a live run is
 * not idle (the agent is using the session), so the timeout starts again
 * instead; it counts from the end of the last run.
 */
export function holdIdleWhileRunning(idle: TimerHandler): TimerHandler {
  return (tenant, timer) => {
    const busy = activeRuns(tenant, timer.ref).length > 0
    const connection = findConnection(tenant, timer.ref)
    if (busy && connection) touchConnection(tenant, connection)
    else idle(tenant, timer)
  }
}

/** `task/timeout`: the run is failed wherever it is (a pending answer or review included). */
const timeoutHandlers = runTimeoutHandlers((tenant, runId, error) => {
  const run = findTaskRun(tenant, runId)
  if (run && findTaskRunState(tenant, runId)) moveTaskRun(tenant, run, 'failed', { errors: [error] })
  else failCredentialRunOnTimeout(tenant, runId, error)
})

export const taskRunTimerHandlers: Record<string, TimerHandler> = {
  ...timeoutHandlers,
  [TASK_RUN_TIMERS.step]: onStep,
  [TASK_RUN_TIMERS.answer]: onAnswer,
  [TASK_RUN_TIMERS.interactionTimeout]: onInteractionTimeout,
}
