import { credentialRunView } from '../domain/credential-run.js'
import type { IncludeSection } from '../domain/include.js'
import { taskRunView } from '../domain/task-run.js'
import { listPage, type ListQuery } from '../tenant/list.js'
import type { Tenant } from '../tenant/tenant.js'
import { findConnection } from '../connections/state.js'
import { tasksIn } from '../tasks/collections.js'
import { taskRunsIn } from './state.js'
import { credentialRunsIn } from '../credentials/world.js'

export interface AnyTaskRunFilters {
  connection_id?: string | undefined
  credential_id?: string | undefined
  task_id?: string | undefined
  agent_id?: string | undefined
  source_id?: string[] | undefined
  status?: string[] | undefined
  result?: string | undefined
  outcome?: string[] | undefined
  search?: string | undefined
  created_after?: string | undefined
  created_before?: string | undefined
}

interface AnyRun {
  id: string
  status: string
  result: string | null
  task_id: string
  agent_id: string
  source_id: string
  created_at: string
  connection_id?: string
  credential_id?: string | null
}

/**
 * `GET /v2/task-runs` over both generations' runs (each shown in its own
 * generation's shape). A filter only one generation has (`connection_id`,
 * `credential_id`) matches only that generation's runs; `cancelling` is
 * `canceling`; `outcome` matches `result`; `search` looks in the task name,
 * the task id and the run id (case-insensitive substring, emulator decision).
 */
export function listAnyTaskRuns(tenant: Tenant, query: ListQuery, filters: AnyTaskRunFilters, include: ReadonlySet<IncludeSection>) {
  const after = filters.created_after === undefined ? undefined : Date.parse(filters.created_after)
  const before = filters.created_before === undefined ? undefined : Date.parse(filters.created_before)
  const statuses = filters.status?.map((s) => (s === 'cancelling' ? 'canceling' : s))
  const needle = filters.search?.toLowerCase()
  const runs: AnyRun[] = [...Object.values(taskRunsIn(tenant)), ...Object.values(credentialRunsIn(tenant))]
  const page = listPage(runs, query, { ...filters, status: statuses }, (r) => {
    if (filters.connection_id !== undefined && r.connection_id !== filters.connection_id) return false
    if (filters.credential_id !== undefined && r.credential_id !== filters.credential_id) return false
    if (filters.task_id !== undefined && r.task_id !== filters.task_id) return false
    if (filters.agent_id !== undefined && r.agent_id !== filters.agent_id) return false
    if (filters.source_id !== undefined && !filters.source_id.includes(r.source_id)) return false
    if (statuses !== undefined && !statuses.includes(r.status)) return false
    if (filters.result !== undefined && r.result !== filters.result) return false
    if (filters.outcome !== undefined && (r.result === null || !filters.outcome.includes(r.result))) return false
    if (needle !== undefined) {
      const name = tasksIn(tenant)[r.task_id]?.name.toLowerCase() ?? ''
      if (!name.includes(needle) && !r.task_id.toLowerCase().includes(needle) && !r.id.toLowerCase().includes(needle)) return false
    }
    const created = Date.parse(r.created_at)
    // Both bounds are exclusive (emulator decision).
    return (after === undefined || created > after) && (before === undefined || created < before)
  })
  return {
    ...page,
    data: page.data.map((r) =>
      r.connection_id !== undefined
        ? taskRunView(r as never, findConnection(tenant, r.connection_id)?.external_id ?? null)
        : credentialRunView(r as never, include),
    ),
  }
}
