import { assertServes } from '../../tenant/generation.js'
import { errors } from '../../domain/errors.js'
import { isCredentialRunBody, runCredentialTask } from '../../credential-runs/service.js'
import { runTask } from '../../task-runs/service.js'
import { createTask, deleteTask, getTask, listTasks, updateTask } from '../../tasks/service.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, Deleted, notFound, pageOf, withRequestId } from '../schemas/common.js'
import { CredentialTaskRunSchema } from '../schemas/credentials.js'
import { CreateTaskBody, RunTaskBody, TaskListQuery, TaskRunSchema, TaskSchema, UpdateTaskBody } from '../schemas/tasks.js'

const Task = withRequestId(TaskSchema)
const one = { 200: { description: 'The task', schema: Task }, ...commonErrors, ...notFound }

export const taskRoutes = new Router('/v2/tasks', 'Tasks')
  .add({
    method: 'post',
    path: '/',
    summary: 'Create a task (status `learning` unless given)',
    body: CreateTaskBody,
    responses: { 201: { description: 'Created', schema: Task }, ...commonErrors, ...notFound },
    handler: (c, { body }) => reply(c, createTask(c.get('tenant'), body), 201),
  })
  .add({
    method: 'get',
    path: '/',
    summary: 'List tasks (filters `agent_id`, `status`)',
    query: TaskListQuery,
    responses: { 200: { description: 'A page of tasks', schema: pageOf(TaskSchema) }, ...commonErrors },
    handler: (c, { query: { limit, cursor, ...filters } }) => reply(c, listTasks(c.get('tenant'), { limit, cursor }, filters)),
  })
  .add({
    method: 'get',
    path: '/:id',
    summary: 'Get a task',
    responses: one,
    handler: (c, { id }) => reply(c, getTask(c.get('tenant'), id)),
  })
  .add({
    method: 'patch',
    path: '/:id',
    summary: 'Update a task',
    body: UpdateTaskBody,
    responses: one,
    handler: (c, { id, body }) => reply(c, updateTask(c.get('tenant'), id, body)),
  })
  .add({
    method: 'delete',
    path: '/:id',
    summary: 'Delete a task (its runs stay readable)',
    responses: { 200: { description: 'Deleted', schema: Deleted }, ...commonErrors, ...notFound },
    handler: (c, { id }) => reply(c, deleteTask(c.get('tenant'), id)),
  })
  .add({
    method: 'post',
    path: '/:id/run',
    summary: 'Run a task against a connected connection, or on a credential / source / session (→ 201, status `queued`)',
    description:
      'The input is validated against the task\'s input_schema synchronously (400 `input_invalid`, `field: "input.<path>"`). A connection that is not `connected` → 409 `connection_not_connected`.',
    body: RunTaskBody,
    responses: {
      201: {
        description: 'The queued task run (`CredentialTaskRun` when run with `credential_id` / `source_id` / `session_id`)',
        schema: withRequestId(TaskRunSchema).or(withRequestId(CredentialTaskRunSchema)),
      },
      ...commonErrors,
      ...notFound,
      ...conflict,
    },
    handler: (c, { id, body }) => {
      const tenant = c.get('tenant')
      const { connection_id, ...rest } = body
      // The body says which generation the run belongs to (credentials contract §0).
      if (connection_id !== undefined && rest.credential_id !== undefined) {
        throw errors.inputInvalid('Send `connection_id` (connections generation) or `credential_id` (credentials generation), not both.', 'credential_id')
      }
      if (connection_id !== undefined) {
        // A run on a connection is the connections generation's (a credentials-pinned tenant has none).
        assertServes(tenant, 'connections', 'a task run body with `connection_id`')
        return reply(c, runTask(tenant, id, { connection_id, input: body.input }), 201)
      }
      if (isCredentialRunBody(rest)) {
        assertServes(tenant, 'credentials', 'a task run body with `credential_id` / `source_id` / `session_id`')
        return reply(c, runCredentialTask(tenant, id, rest), 201)
      }
      // A credentials-pinned tenant names its own field (contract §3); a tenant serving both keeps the connections one.
      if (tenant.api === 'credentials') throw errors.inputMissing('source_id', 'A task run needs `credential_id`, `source_id` or `session_id`.')
      throw errors.inputMissing(
        'connection_id',
        'A task run needs `connection_id` (connections generation) or `credential_id` / `source_id` / `session_id` (credentials generation).',
      )
    },
  })
