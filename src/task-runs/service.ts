import { assert, errors } from '../domain/errors.js'
import { validateInput } from '../domain/json-schema.js'
import { CANCELABLE, newTaskRun, taskRunView, type TaskRun, type TaskRunView } from '../domain/task-run.js'
import { touchConnection } from '../connections/moves.js'
import { getConnection } from '../connections/service.js'
import { moveTaskRun, trackRun } from './moves.js'
import { beginRun, scheduleRunAnswer } from './runner.js'
import { getTask } from '../tasks/service.js'
import type { Tenant } from '../tenant/tenant.js'
import { assertAnswersEveryField } from '../domain/interaction.js'
import { findConnection } from '../connections/state.js'
import { findTaskRun, taskRunsOf } from './state.js'

const view = (tenant: Tenant, run: TaskRun): TaskRunView => taskRunView(run, findConnection(tenant, run.connection_id)?.external_id ?? null)

function findRun(tenant: Tenant, id: string): TaskRun {
  const run = findTaskRun(tenant, id)
  if (!run) throw errors.notFound('task_run', id)
  return run
}

export function getTaskRun(tenant: Tenant, id: string): TaskRunView {
  return view(tenant, findRun(tenant, id))
}

/**
 * `POST /v2/tasks/{id}/run`: the input is checked against the task's
 * input_schema before anything starts (400), then the connection must be
 * `connected` (409). The run is `queued` in the response; its script plays
 * once the request has been answered.
 */
export function runTask(tenant: Tenant, taskId: string, input: { connection_id: string; input?: Record<string, unknown> | undefined }): TaskRunView {
  const task = getTask(tenant, taskId)
  const connection = getConnection(tenant, input.connection_id)
  const runInput = input.input ?? {}
  validateInput(task.input_schema, runInput)
  assert(connection.status === 'connected', () => errors.connectionNotConnected(connection.id, connection.status))
  const { object, events } = newTaskRun(
    {
      id: tenant.id('task_run'),
      task_id: task.id,
      agent_id: task.agent_id,
      source_id: connection.source_id,
      connection_id: connection.id,
      input: runInput,
      created_at: tenant.nowIso(),
    },
    connection.external_id,
  )
  taskRunsOf(tenant)[object.id] = object
  trackRun(tenant, object)
  touchConnection(tenant, connection)
  tenant.emit(events)
  beginRun(tenant, object, task, connection)
  return view(tenant, object)
}

export function cancelTaskRun(tenant: Tenant, id: string): TaskRunView {
  const run = findRun(tenant, id)
  assert(CANCELABLE.includes(run.status), () =>
    errors.invalidState('task run', run.status, 'cancel (only a `queued`, `running` or `pending` task run can be canceled)'),
  )
  return view(tenant, moveTaskRun(tenant, run, 'canceled'))
}

export function submitTaskRunInteraction(tenant: Tenant, id: string, inputs: Record<string, unknown>): TaskRunView {
  const run = findRun(tenant, id)
  assert(run.status === 'interaction_required' && run.interaction, () => errors.interactionNotRequired('task run', run.status))
  assertAnswersEveryField(run.interaction, inputs)
  const next = moveTaskRun(tenant, run, 'running')
  scheduleRunAnswer(tenant, next, inputs)
  return view(tenant, next)
}
