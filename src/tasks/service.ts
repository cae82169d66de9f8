import { assert, errors } from '../domain/errors.js'
import { checkSchema } from '../domain/json-schema.js'
import {
  DEFAULT_TASK_STORAGE,
  DEFAULT_TIMEOUT_SECONDS,
  type JsonSchema,
  type Task,
  type TaskSettings,
  type TaskStatus,
  type TaskStorage,
} from '../domain/task.js'
import { assertWithinPlan } from '../task-runs/timeout.js'
import type { Deleted } from '../domain/types.js'
import { listPage, type ListQuery } from '../tenant/list.js'
import type { Tenant } from '../tenant/tenant.js'
import { agentsIn, tasksIn, tasksOf, taskScriptsIn, taskScriptsOf } from './collections.js'

export interface TaskInput {
  name?: string | undefined
  agent_id?: string | undefined
  description?: string | null | undefined
  prompt?: string | null | undefined
  status?: TaskStatus | undefined
  input_schema?: JsonSchema | null | undefined
  output_schema?: JsonSchema | null | undefined
  settings?: Partial<TaskSettings> | undefined
  storage?: Partial<TaskStorage> | undefined
}

export interface TaskFilters {
  agent_id?: string | undefined
  status?: TaskStatus | undefined
}

export const TASK_ID = /^task_[A-Za-z0-9_]{1,64}$/

export function getTask(tenant: Tenant, id: string): Task {
  const task = tasksIn(tenant)[id]
  if (!task) throw errors.notFound('task', id)
  return task
}

function checkInput(tenant: Tenant, input: TaskInput): void {
  if (input.agent_id !== undefined && !agentsIn(tenant)[input.agent_id]) throw errors.notFound('agent', input.agent_id)
  // Schemas are checked with the real validator now, so a bad one fails here rather than on the first run.
  if (input.input_schema) checkSchema(input.input_schema, 'input_schema')
  if (input.output_schema) checkSchema(input.output_schema, 'output_schema')
  if (input.storage?.extraction_schema) checkSchema(input.storage.extraction_schema, 'storage.extraction_schema')
  assertWithinPlan(tenant, input.settings?.timeout_seconds)
}

/** `storage` as given over the current one (PATCH changes only the keys sent). */
const mergeStorage = (current: TaskStorage | undefined, patch: Partial<TaskStorage> | undefined): TaskStorage => ({
  ...DEFAULT_TASK_STORAGE,
  ...current,
  ...Object.fromEntries(Object.entries(patch ?? {}).filter(([, v]) => v !== undefined)),
})

/** Stores a task (API create or scenario seed) and records `task.created`. */
export function addTask(tenant: Tenant, task: Task): Task {
  tasksOf(tenant)[task.id] = task
  tenant.emit([{ type: 'task.created', data: { ...task } }])
  return task
}

export function createTask(tenant: Tenant, input: TaskInput & { name: string; agent_id: string; id?: string | undefined }): Task {
  checkInput(tenant, input)
  if (input.id !== undefined) {
    assert(TASK_ID.test(input.id), () => errors.inputInvalid('`id` must start with `task_` followed by up to 64 letters, digits or `_`.', 'id'))
    assert(!tasksIn(tenant)[input.id], () => errors.inputInvalid(`A task with id \`${input.id}\` already exists.`, 'id'))
  }
  const now = tenant.nowIso()
  return addTask(tenant, {
    id: input.id ?? tenant.id('task'),
    object: 'task',
    name: input.name,
    description: input.description ?? null,
    prompt: input.prompt ?? null,
    // New tasks start out learning (research §3.4); they run in any status.
    status: input.status ?? 'learning',
    agent_id: input.agent_id,
    input_schema: input.input_schema ?? null,
    output_schema: input.output_schema ?? null,
    settings: { timeout_seconds: input.settings?.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS },
    storage: mergeStorage(undefined, input.storage),
    created_at: now,
    updated_at: now,
  })
}

export function listTasks(tenant: Tenant, query: ListQuery, filters: TaskFilters) {
  return listPage(
    Object.values(tasksIn(tenant)),
    query,
    { ...filters },
    (t) => (filters.agent_id === undefined || t.agent_id === filters.agent_id) && (filters.status === undefined || t.status === filters.status),
  )
}

export function updateTask(tenant: Tenant, id: string, input: TaskInput): Task {
  const task = getTask(tenant, id)
  checkInput(tenant, input)
  const next: Task = { ...task, updated_at: tenant.nowIso() }
  for (const key of ['name', 'agent_id', 'description', 'prompt', 'status', 'input_schema', 'output_schema'] as const) {
    if (input[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = input[key]
  }
  if (input.settings?.timeout_seconds !== undefined) next.settings = { timeout_seconds: input.settings.timeout_seconds }
  if (input.storage !== undefined) next.storage = mergeStorage(task.storage, input.storage)
  tasksOf(tenant)[id] = next
  tenant.emit([{ type: 'task.updated', data: { ...next } }])
  return next
}

/** `POST /v2/tasks/{id}/reset`: back to `learning` ("the next run re-learns the flow from scratch"), `task.reset`. */
export function resetTask(tenant: Tenant, id: string): Task {
  const task = getTask(tenant, id)
  const next: Task = { ...task, status: 'learning', updated_at: tenant.nowIso() }
  tasksOf(tenant)[id] = next
  tenant.emit([{ type: 'task.reset', data: { ...next } }])
  return next
}

/** Removes a task and its scenario script; its runs stay readable (and live ones finish). */
export function removeTask(tenant: Tenant, id: string): void {
  const task = tasksIn(tenant)[id]
  if (!task) return
  delete tasksOf(tenant)[id]
  // A task created through the API has no script: nothing to delete, and no empty collection to create.
  if (taskScriptsIn(tenant)[id]) delete taskScriptsOf(tenant)[id]
  tenant.emit([{ type: 'task.deleted', data: { ...task } }])
}

export function deleteTask(tenant: Tenant, id: string): Deleted {
  getTask(tenant, id)
  removeTask(tenant, id)
  return { id, object: 'task', deleted: true }
}
