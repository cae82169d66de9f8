import { expectedAnswer, interactionFor, judgeAnswer } from '../domain/interaction.js'
import { generateOutput } from '../domain/json-schema.js'
import { isRunInteraction, resolveRun } from '../domain/run-script.js'
import { defaultRun } from '../fixtures/default-run.js'
import { taskRunErrors, type TaskRun, type TaskRunStatus } from '../domain/task-run.js'
import type { Task } from '../domain/task.js'
import type { Connection } from '../domain/types.js'
import type { TaskRunState, Timer } from '../store/data.js'
import { touchConnection } from '../connections/moves.js'
import { activeRuns, moveTaskRun, TASK_RUN_TIMERS } from './moves.js'
import type { ConnectionMovedHook, Tenant, TimerHandler } from '../tenant/tenant.js'
import { beforeComplete, playFilesStep, playReasoningStep } from '../artifacts/connection-runs.js'
import { runTimeoutHandlers, scheduleRunTimeout } from './timeout.js'
import { failCredentialRunOnTimeout } from '../credential-runs/runner.js'
import { DEFAULT_TASK_STORAGE, DEFAULT_TIMEOUT_SECONDS } from '../domain/task.js'
import { taskScriptsIn } from '../tasks/collections.js'

/**
 * Plays a task's run script on the tenant's clock, like the login runner
 * does for sources: the position is stored, so a run interrupted by a
 * restart resumes where it was.
 */
export function beginRun(tenant: Tenant, run: TaskRun, task: Task, connection: Connection): void {
  const creds = connection.auth_credentials
  const username = creds ? ('username' in creds ? creds.username : creds.email) : null
  const steps = resolveRun(taskScriptsIn(tenant)[task.id], connection.source_id, username, defaultRun())
  const first = steps[0]
  const queuedFor = first?.kind === 'queued' ? first.ms : 0
  const timeout = task.settings?.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS
  const state: TaskRunState = { steps, index: first?.kind === 'queued' ? 1 : 0, attempts: 0, started_at: null, output_schema: task.output_schema }
  // Only storage tasks and long timeouts add to the stored state.
  if ((task.storage ?? DEFAULT_TASK_STORAGE).enabled) state.storage = task.storage!
  if (timeout !== DEFAULT_TIMEOUT_SECONDS) state.timeout_seconds = timeout
  tenant.data.task_run_states[run.id] = state
  scheduleRunTimeout(tenant, run.id, timeout)
  tenant.schedule(TASK_RUN_TIMERS.step, run.id, tenant.now() + queuedFor)
}

/** Runs steps from the current position until one waits or ends the run. */
function playSteps(tenant: Tenant, run: TaskRun, state: TaskRunState): void {
  if (run.status === 'queued') run = moveTaskRun(tenant, run, 'running')
  const step = state.steps[state.index]
  if (!step) return complete(tenant, run, state)
  switch (step.kind) {
    case 'queued': // only valid first; skipped by beginRun
    case 'duration':
      state.index++
      tenant.schedule(TASK_RUN_TIMERS.step, run.id, tenant.now() + (step.ms))
      return
    case 'pending':
      state.index++
      moveTaskRun(tenant, run, 'pending')
      tenant.schedule(TASK_RUN_TIMERS.step, run.id, tenant.now() + step.ms)
      return
    case 'review': // a credentials-generation step: connection runs have no review_required, so it passes
      state.index++
      return playSteps(tenant, run, state)
    case 'fail':
      moveTaskRun(tenant, run, 'failed', { errors: [{ type: step.type, code: step.code, message: step.message }], result: step.result })
      return
    case 'files':
      state.index++
      playFilesStep(tenant, run, state, step.files)
      return playSteps(tenant, run, state)
    case 'reasoning':
      state.index++
      playReasoningStep(tenant, run, state, step.text)
      return playSteps(tenant, run, state)
    case 'output':
      beforeComplete(tenant, run, state)
      moveTaskRun(tenant, run, 'completed', { output: step.value })
      return
    default:
      moveTaskRun(tenant, run, 'interaction_required', { interaction: interactionFor(step, state.attempts > 0) })
  }
}

/** End of script without a scripted output: generate one from the output_schema. */
function complete(tenant: Tenant, run: TaskRun, state: TaskRunState): void {
  let output: unknown
  try {
    output = generateOutput(state.output_schema, tenant.rng.int(2 ** 31), tenant.now())
  } catch (error) {
    const message = `The emulator could not generate an output for this output_schema (${(error as Error).message}); script an \`output\` for this task.`
    moveTaskRun(tenant, run, 'failed', { errors: [{ type: 'task', code: 'output_generation_failed', message }] })
    return
  }
  beforeComplete(tenant, run, state)
  moveTaskRun(tenant, run, 'completed', { output })
}

/** The run a timer is about, if it is still in one of the statuses the timer expects. */
function timerTarget(tenant: Tenant, timer: Timer, statuses: TaskRunStatus[]) {
  const run = tenant.data.task_runs[timer.ref]
  const state = tenant.data.task_run_states[timer.ref]
  return run && state && statuses.includes(run.status) ? { run, state } : undefined
}

const onStep: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, ['queued', 'running', 'pending'])
  if (target) playSteps(tenant, target.run, target.state)
}

const onAnswer: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, ['running'])
  if (!target) return
  const { run, state } = target
  const step = state.steps[state.index]
  if (!step || !isRunInteraction(step)) return playSteps(tenant, run, state)
  const { verdict, attempts } = judgeAnswer(step, (timer.data?.inputs ?? {}) as Record<string, unknown>, state.attempts)
  state.attempts = attempts
  if (verdict === 'correct') {
    state.index++
    return playSteps(tenant, run, state)
  }
  if (verdict === 'exhausted') {
    moveTaskRun(tenant, run, 'failed', { errors: [taskRunErrors.interactionFailed(state.attempts)] })
    return
  }
  moveTaskRun(tenant, run, 'interaction_required', { interaction: interactionFor(step, true) })
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
  const state = tenant.data.task_run_states[runId]
  const step = state?.steps[state.index]
  return step && isRunInteraction(step) ? expectedAnswer(step) : undefined
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
    const connection = tenant.data.connections[timer.ref]
    if (busy && connection) touchConnection(tenant, connection)
    else idle(tenant, timer)
  }
}

/** `task/timeout`: the run is failed wherever it is (a pending answer or review included). */
const timeoutHandlers = runTimeoutHandlers((tenant, runId, error) => {
  const run = tenant.data.task_runs[runId]
  if (run && tenant.data.task_run_states[runId]) moveTaskRun(tenant, run, 'failed', { errors: [error] })
  else failCredentialRunOnTimeout(tenant, runId, error)
})

export const taskRunTimerHandlers: Record<string, TimerHandler> = {
  ...timeoutHandlers,
  [TASK_RUN_TIMERS.step]: onStep,
  [TASK_RUN_TIMERS.answer]: onAnswer,
  [TASK_RUN_TIMERS.interactionTimeout]: onInteractionTimeout,
}
