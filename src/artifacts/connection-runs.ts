import type { RunFile } from '../domain/run-script.js'
import { ACTIVE_TASK_RUN, type TaskRun } from '../domain/task-run.js'
import type { TaskRunState } from '../store/data.js'
import type { Tenant } from '../services/tenant.js'
import { clearRunTimeouts, touchRunActivity } from '../services/task-run-timeout.js'
import { captureRunScreenshots, noteReasoning, type ShotRun } from './screenshots.js'
import { DEFAULT_RUN_FILE, storeRunFiles } from './storage.js'

/**
 * The connections generation's task runs plugged into the artifact modules
 * (the credentials generation builds the same `RunTarget` / `ShotRun` from
 * its runs, with `credential_id` as the owner).
 */
const target = (run: TaskRun) => ({ run_id: run.id, task_id: run.task_id, owner_id: run.connection_id })

/** A run's runtime so far: the stored value once it ended, now − start while it is live. */
export function shotRunOf(tenant: Tenant, run: TaskRun): ShotRun {
  const state = tenant.data.task_run_states[run.id]
  const live = ACTIVE_TASK_RUN.includes(run.status) && state?.started_at != null
  return { id: run.id, created_at: run.created_at, runtime_ms: live ? tenant.now() - state!.started_at! : (run.runtime_ms ?? 0), owner_id: run.connection_id }
}

/** A `files:` step. */
export function playFilesStep(tenant: Tenant, run: TaskRun, state: TaskRunState, files: RunFile[]): void {
  storeRunFiles(tenant, target(run), state.storage, files)
}

/** A `reasoning:` step. */
export function playReasoningStep(tenant: Tenant, run: TaskRun, state: TaskRunState, text: string): void {
  noteReasoning(tenant, run.id, state.started_at === null ? 0 : tenant.now() - state.started_at, text)
}

/** Before a run completes: a storage task whose script stores nothing keeps one small generated file. */
export function beforeComplete(tenant: Tenant, run: TaskRun, state: TaskRunState): void {
  if (state.storage?.enabled && !state.steps.some((s) => s.kind === 'files')) storeRunFiles(tenant, target(run), state.storage, [DEFAULT_RUN_FILE])
}

/** After every status move: a live run's inactivity window restarts; an ended one drops its timeouts and keeps its screenshots. */
export function afterRunMoved(tenant: Tenant, run: TaskRun, timeoutSeconds: number | undefined): void {
  if (ACTIVE_TASK_RUN.includes(run.status)) return touchRunActivity(tenant, run.id, timeoutSeconds)
  clearRunTimeouts(tenant, run.id)
  captureRunScreenshots(tenant, shotRunOf(tenant, run))
}
