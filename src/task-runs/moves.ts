import { ACTIVE_TASK_RUN, transitionTaskRun, type TaskRun, type TaskRunChanges, type TaskRunStatus } from '../domain/task-run.js'
import { touchConnection } from '../connections/moves.js'
import type { Tenant } from '../tenant/tenant.js'
import { afterRunMoved } from '../artifacts/connection-runs.js'
import { slot } from '../tenant/slot.js'
import { findConnection } from '../connections/state.js'
import { findTaskRun, taskRunsOf, taskRunsIn, findTaskRunState, taskRunStatesOf } from './state.js'
import { sourceScript } from '../sources/state.js'

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
  const state = findTaskRunState(tenant, run.id)
  const now = tenant.now()
  if (state && to === 'running' && state.started_at === null) state.started_at = now
  const runtime = state?.started_at != null ? { runtime_ms: now - state.started_at } : {}
  const connection = findConnection(tenant, run.connection_id)
  const { object, events } = transitionTaskRun(run, to, tenant.nowIso(), { ...runtime, ...changes }, connection?.external_id ?? null)
  taskRunsOf(tenant)[object.id] = object
  trackRun(tenant, object)
  tenant.timers.cancel(object.id)
  if (to === 'interaction_required') {
    tenant.schedule(TASK_RUN_TIMERS.interactionTimeout, object.id, now + sourceScript(tenant, object.source_id).interaction_timeout)
  }
  // Timeouts and screenshots (src/artifacts), while the script position (and start time) is still there.
  afterRunMoved(tenant, object, state?.timeout_seconds)
  // A finished run needs no script position any more.
  if (!ACTIVE_TASK_RUN.includes(to)) delete taskRunStatesOf(tenant)[object.id]
  if (connection) touchConnection(tenant, connection)
  tenant.emit(events)
  return object
}

/**
 * In-memory index of live runs by connection, so a session drop or an idle
 * check does not scan every run the tenant ever had. Rebuilt from the stored
 * runs on first use (after a restart or a reset the tenant object is new).
 */
function activeIndex(tenant: Tenant): Map<string, Set<string>> {
  return activeByConnection.of(tenant)
}

const activeByConnection = slot('active task runs by connection', (tenant) => {
  const index = new Map<string, Set<string>>()
  // `?? {}`: a tenant stored before task runs existed has no collection yet.
  for (const run of Object.values(taskRunsIn(tenant) ?? {})) if (ACTIVE_TASK_RUN.includes(run.status)) add(index, run)
  return index
})

function add(index: Map<string, Set<string>>, run: TaskRun): void {
  let set = index.get(run.connection_id)
  if (!set) index.set(run.connection_id, (set = new Set()))
  set.add(run.id)
}

/** Records a run's new status in the index (call after storing it). */
export function trackRun(tenant: Tenant, run: TaskRun): void {
  const index = activeIndex(tenant)
  if (ACTIVE_TASK_RUN.includes(run.status)) return add(index, run)
  const set = index.get(run.connection_id)
  set?.delete(run.id)
  if (set?.size === 0) index.delete(run.connection_id)
}

/** The connection's runs that are queued, running, waiting for an answer or pending. */
export function activeRuns(tenant: Tenant, connectionId: string): TaskRun[] {
  return [...(activeIndex(tenant).get(connectionId) ?? [])].map((id) => findTaskRun(tenant, id)!).filter(Boolean)
}
