import { ACTIVE_TASK_RUN, transitionTaskRun, type TaskRun, type TaskRunChanges, type TaskRunStatus } from '../domain/task-run.js'
import { scriptFor } from '../sources/scripts.js'
import { touchConnection } from './connection-moves.js'
import type { Tenant } from './tenant.js'

export const TASK_RUN_TIMERS = {
  /** Play the next step (start, end of a duration or of a pending review). */
  step: 'task_run.step',
  /** Check a submitted interaction answer. */
  answer: 'task_run.answer',
  interactionTimeout: 'task_run.interaction_timeout',
} as const

/**
 * The one way a task run changes status: the pure transition, then timers,
 * the connection's idle clock, then the event. Every move is agent activity
 * on the connection, so its idle timeout starts again.
 */
export function moveTaskRun(tenant: Tenant, run: TaskRun, to: TaskRunStatus, changes: TaskRunChanges = {}): TaskRun {
  const state = tenant.data.task_run_states[run.id]
  const now = tenant.now()
  if (state && to === 'running' && state.started_at === null) state.started_at = now
  const runtime = state?.started_at != null ? { runtime_ms: now - state.started_at } : {}
  const connection = tenant.data.connections[run.connection_id]
  const { object, events } = transitionTaskRun(run, to, tenant.nowIso(), { ...runtime, ...changes }, connection?.external_id ?? null)
  tenant.data.task_runs[object.id] = object
  tenant.timers.cancel(object.id)
  if (to === 'interaction_required') {
    tenant.schedule(TASK_RUN_TIMERS.interactionTimeout, object.id, now + scriptFor(tenant.data, object.source_id).interaction_timeout)
  }
  // A finished run needs no script position any more.
  if (!ACTIVE_TASK_RUN.includes(to)) delete tenant.data.task_run_states[object.id]
  if (connection) touchConnection(tenant, connection)
  tenant.emit(events)
  return object
}
