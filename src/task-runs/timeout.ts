import { errors, type ErrorDetail } from '../domain/errors.js'
import { DEFAULT_TIMEOUT_SECONDS } from '../domain/task.js'
import { parseDuration } from '../domain/duration.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * Task timeouts for both generations: `settings.timeout_seconds` hard-stops
 * a live run on the tenant's clock (`task/timeout`), and the older
 * 30-minute inactivity auto-fail applies when a task allows longer runs
 * (with the default 30-minute timeout it can never fire first, so it costs
 * no timer then). Timers are refs of their own (`<run>:timeout`), so a run's
 * status moves (which cancel the run's timers) leave them alone.
 */
export const RUN_TIMEOUT_TIMERS = { timeout: 'task_run.timeout', inactivity: 'task_run.inactivity' } as const

export const INACTIVITY_MS = 30 * 60 * 1000
/** Emulator decision: the plan cap when a scenario sets no `plan.max_task_timeout`. */
export const DEFAULT_MAX_TASK_TIMEOUT_MS = DEFAULT_TIMEOUT_SECONDS * 1000

const minutes = (seconds: number) => Number((seconds / 60).toFixed(2))

export const timeoutErrors = {
  timeout: (seconds: number): ErrorDetail => ({
    type: 'task',
    code: 'timeout',
    message: `Task execution exceeded the timeout of ${minutes(seconds)} minutes.`,
  }),
  inactivity: (): ErrorDetail => ({ type: 'task', code: 'timeout', message: 'Task execution was inactive for 30 minutes and timed out.' }),
}

const timeoutRef = (runId: string) => `${runId}:timeout`
const inactivityRef = (runId: string) => `${runId}:inactive`

/** Arms the run's hard timeout (call when the run is created). */
export function scheduleRunTimeout(tenant: Tenant, runId: string, seconds = DEFAULT_TIMEOUT_SECONDS): void {
  tenant.schedule(RUN_TIMEOUT_TIMERS.timeout, timeoutRef(runId), tenant.now() + seconds * 1000, { run: runId, seconds })
}

/** Restarts the inactivity window (call on every status change of a live run); only for timeouts above 30 min. */
export function touchRunActivity(tenant: Tenant, runId: string, seconds: number | undefined): void {
  if ((seconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000 <= INACTIVITY_MS) return
  tenant.timers.cancel(inactivityRef(runId))
  tenant.schedule(RUN_TIMEOUT_TIMERS.inactivity, inactivityRef(runId), tenant.now() + INACTIVITY_MS, { run: runId })
}

/** A run ended: its timeout timers go. */
export function clearRunTimeouts(tenant: Tenant, runId: string): void {
  tenant.timers.cancel(timeoutRef(runId))
  tenant.timers.cancel(inactivityRef(runId))
}

/** The tenant's plan cap on `settings.timeout_seconds` (scenario `plan.max_task_timeout`), in ms. */
export function maxTaskTimeoutMs(tenant: Tenant): number {
  const raw = (tenant.scenario as { plan?: { max_task_timeout?: string | number } } | null)?.plan?.max_task_timeout
  if (typeof raw === 'number') return raw
  return (raw !== undefined ? parseDuration(raw) : undefined) ?? DEFAULT_MAX_TASK_TIMEOUT_MS
}

/** 403 `organization/plan_limit_exceeded` when a task asks for more than the plan allows (Deck rejects such a task). */
export function assertWithinPlan(tenant: Tenant, seconds: number | undefined): void {
  if (seconds === undefined) return
  const cap = maxTaskTimeoutMs(tenant)
  if (seconds * 1000 > cap) {
    throw errors.custom(
      403,
      'organization',
      'plan_limit_exceeded',
      `settings.timeout_seconds ${seconds} is above your plan's maximum task timeout of ${cap / 1000} seconds.`,
    )
  }
}

/** Timer handlers, given how to fail a run of either generation (returns false if the run is not live). */
export function runTimeoutHandlers(fail: (tenant: Tenant, runId: string, error: ErrorDetail) => void) {
  return {
    [RUN_TIMEOUT_TIMERS.timeout]: (tenant: Tenant, timer: { data?: Record<string, unknown> }) =>
      fail(tenant, String(timer.data?.run), timeoutErrors.timeout(Number(timer.data?.seconds ?? DEFAULT_TIMEOUT_SECONDS))),
    [RUN_TIMEOUT_TIMERS.inactivity]: (tenant: Tenant, timer: { data?: Record<string, unknown> }) =>
      fail(tenant, String(timer.data?.run), timeoutErrors.inactivity()),
  }
}
