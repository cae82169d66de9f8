import type { RunFile } from '../domain/run-script.js'
import type { TaskRunState } from '../store/data.js'
import type { Tenant } from '../tenant/tenant.js'
import { clearRunTimeouts, touchRunActivity } from '../task-runs/timeout.js'
import { captureRunScreenshots, noteReasoning, type ShotRun } from './screenshots.js'
import { DEFAULT_RUN_FILE, storeRunFiles } from './storage.js'

/** What the artifact modules need to know about one generation's task runs. */
export interface RunKind<R> {
  /** Whose run it is: the connection or credential (deduplication, the browser screenshot). */
  owner(run: R): string
  /** The run's script state while it is live. */
  state(tenant: Tenant, runId: string): TaskRunState | undefined
  /** Statuses in which the run is still going. */
  active: readonly string[]
}

interface AnyRun {
  id: string
  task_id: string
  status: string
  created_at: string
  runtime_ms: number | null
}

/**
 * A generation's task runs plugged into the artifact modules: one set of
 * hooks for the runners of both generations (artifacts/connection-runs.ts,
 * artifacts/credential-runs.ts), parameterised by where a run keeps its
 * state and who owns it.
 */
export function runArtifactHooks<R extends AnyRun>(kind: RunKind<R>) {
  const target = (run: R) => ({ run_id: run.id, task_id: run.task_id, owner_id: kind.owner(run) })

  /** A run's runtime so far: the stored value once it ended, now − start while it is live. */
  const shotRunOf = (tenant: Tenant, run: R): ShotRun => {
    const state = kind.state(tenant, run.id)
    const live = kind.active.includes(run.status) && state?.started_at != null
    return { id: run.id, created_at: run.created_at, runtime_ms: live ? tenant.now() - state!.started_at! : (run.runtime_ms ?? 0), owner_id: kind.owner(run) }
  }

  return {
    shotRunOf,
    /** A `files:` step. */
    playFilesStep(tenant: Tenant, run: R, state: TaskRunState, files: RunFile[]): void {
      storeRunFiles(tenant, target(run), state.storage, files)
    },
    /** A `reasoning:` step. */
    playReasoningStep(tenant: Tenant, run: R, state: TaskRunState, text: string): void {
      noteReasoning(tenant, run.id, state.started_at === null ? 0 : tenant.now() - state.started_at, text)
    },
    /** Before a run completes: a storage task whose script stores nothing keeps one small generated file. */
    beforeComplete(tenant: Tenant, run: R, state: TaskRunState): void {
      if (state.storage?.enabled && !state.steps.some((s) => s.kind === 'files')) storeRunFiles(tenant, target(run), state.storage, [DEFAULT_RUN_FILE])
    },
    /** After every status move: a live run's inactivity window restarts; an ended one drops its timeouts and keeps its screenshots. */
    afterRunMoved(tenant: Tenant, run: R, timeoutSeconds: number | undefined): void {
      if (kind.active.includes(run.status)) return touchRunActivity(tenant, run.id, timeoutSeconds)
      clearRunTimeouts(tenant, run.id)
      captureRunScreenshots(tenant, shotRunOf(tenant, run))
    },
  }
}
