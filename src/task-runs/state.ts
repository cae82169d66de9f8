import type { TaskRun } from '../domain/task-run.js'
import type { Tenant } from '../tenant/tenant.js'

/** A connections-generation task run by id, for other modules (artifacts, wait conditions): only task-runs/ touches `tenant.data.task_runs`. */
export function findTaskRun(tenant: Tenant, id: string): TaskRun | undefined {
  return tenant.data.task_runs[id]
}
