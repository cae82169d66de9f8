import { ACTIVE_TASK_RUN, type TaskRun } from '../domain/task-run.js'
import { runArtifactHooks } from './run-glue.js'
import { findTaskRunState } from '../task-runs/state.js'

/** The connections generation's task runs plugged into the artifact modules (the connection owns the run). */
export const { shotRunOf, playFilesStep, playReasoningStep, beforeComplete, afterRunMoved } = runArtifactHooks<TaskRun>({
  owner: (run) => run.connection_id,
  state: (tenant, id) => findTaskRunState(tenant, id),
  active: ACTIVE_TASK_RUN,
})
