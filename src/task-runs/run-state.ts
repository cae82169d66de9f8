import { resolveRun } from '../domain/run-script.js'
import { defaultRun } from '../fixtures/default-run.js'
import { taskScriptsIn } from '../tasks/collections.js'
import { DEFAULT_TASK_STORAGE, DEFAULT_TIMEOUT_SECONDS, type Task } from '../domain/task.js'
import type { TaskRunState } from '../store/data.js'
import type { Tenant } from '../tenant/tenant.js'
import { scheduleRunTimeout } from './timeout.js'

/**
 * Stores the state of a run about to play its task's run script, in either
 * generation's collection (`states`), and starts the task's timeout: it
 * counts from the run's creation in both generations. The position starts
 * past a first `queued` step; returns how long the run spends queued.
 */
export function startRunState(
  tenant: Tenant,
  runId: string,
  task: Task,
  sourceId: string,
  username: string | null,
  states: Record<string, TaskRunState>,
): number {
  const steps = resolveRun(taskScriptsIn(tenant)[task.id], sourceId, username, defaultRun())
  const first = steps[0]
  const queued = first?.kind === 'queued'
  const timeout = task.settings?.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS
  const state: TaskRunState = { steps, index: queued ? 1 : 0, attempts: 0, started_at: null, output_schema: task.output_schema }
  // Only storage tasks and long timeouts add to the stored state.
  if ((task.storage ?? DEFAULT_TASK_STORAGE).enabled) state.storage = task.storage!
  if (timeout !== DEFAULT_TIMEOUT_SECONDS) state.timeout_seconds = timeout
  states[runId] = state
  scheduleRunTimeout(tenant, runId, timeout)
  return queued ? first.ms : 0
}
