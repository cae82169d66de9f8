import type { TaskRun } from '../domain/task-run.js'
import type { TaskRunState } from '../store/data.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * The one place that reaches `tenant.data.task_runs` and
 * `tenant.data.task_run_states` (the connections generation's runs and their
 * script positions; always present in TenantData). Everything else, task-runs/
 * included, goes through these: `…Of` for writes (through the tracking view,
 * so the file store records them), `…In` for whole-collection reads, `find…`
 * for one record. Plain property reads: run views call them on every request.
 */
export function findTaskRun(tenant: Tenant, id: string): TaskRun | undefined {
  return tenant.data.task_runs[id]
}

/** For writes. */
export function taskRunsOf(tenant: Tenant): Record<string, TaskRun> {
  return tenant.data.task_runs
}

/** For reads of the whole collection (listing, rebuilding indexes). */
export function taskRunsIn(tenant: Tenant): Readonly<Record<string, TaskRun>> {
  return tenant.data.task_runs
}

/** The script position of an active run (gone once the run has ended). */
export function findTaskRunState(tenant: Tenant, runId: string): TaskRunState | undefined {
  return tenant.data.task_run_states[runId]
}

/** For writes: run states by run id. */
export function taskRunStatesOf(tenant: Tenant): Record<string, TaskRunState> {
  return tenant.data.task_run_states
}
