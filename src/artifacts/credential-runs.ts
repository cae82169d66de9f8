import { ACTIVE_CREDENTIAL_RUN, type CredentialRun } from '../domain/credential-run.js'
import type { RunFile } from '../domain/run-script.js'
import type { TaskRunState } from '../store/data.js'
import type { Tenant } from '../services/tenant.js'
import { clearRunTimeouts, touchRunActivity } from '../services/task-run-timeout.js'
import { captureRunScreenshots, noteReasoning, type ShotRun } from './screenshots.js'
import { DEFAULT_RUN_FILE, storeRunFiles } from './storage.js'

/**
 * The credentials generation's task runs plugged into the artifact modules,
 * as artifacts/connection-runs.ts does for connection runs: the credential
 * is the owner (deduplication per task and credential; a browser-login
 * source's session screenshot). A `source_id`-only run has no credential and
 * is owned by its session.
 */
const ownerOf = (run: CredentialRun) => run.credential_id ?? run.session_id
const target = (run: CredentialRun) => ({ run_id: run.id, task_id: run.task_id, owner_id: ownerOf(run) })

export function credentialShotRunOf(tenant: Tenant, run: CredentialRun): ShotRun {
  const state = tenant.data.credential_run_states?.[run.id]
  const live = ACTIVE_CREDENTIAL_RUN.includes(run.status) && state?.started_at != null
  return { id: run.id, created_at: run.created_at, runtime_ms: live ? tenant.now() - state!.started_at! : (run.runtime_ms ?? 0), owner_id: ownerOf(run) }
}

export function playCredentialFilesStep(tenant: Tenant, run: CredentialRun, state: TaskRunState, files: RunFile[]): void {
  storeRunFiles(tenant, target(run), state.storage, files)
}

export function playCredentialReasoningStep(tenant: Tenant, run: CredentialRun, state: TaskRunState, text: string): void {
  noteReasoning(tenant, run.id, state.started_at === null ? 0 : tenant.now() - state.started_at, text)
}

/** Before a run completes: a storage task whose script stores nothing keeps one small generated file. */
export function beforeCredentialRunCompletes(tenant: Tenant, run: CredentialRun, state: TaskRunState): void {
  if (state.storage?.enabled && !state.steps.some((s) => s.kind === 'files')) storeRunFiles(tenant, target(run), state.storage, [DEFAULT_RUN_FILE])
}

/** After every status move: a live run's inactivity window restarts; an ended one drops its timeouts and keeps its screenshots. */
export function afterCredentialRunMoved(tenant: Tenant, run: CredentialRun, timeoutSeconds: number | undefined): void {
  if (ACTIVE_CREDENTIAL_RUN.includes(run.status)) return touchRunActivity(tenant, run.id, timeoutSeconds)
  clearRunTimeouts(tenant, run.id)
  captureRunScreenshots(tenant, credentialShotRunOf(tenant, run))
}
