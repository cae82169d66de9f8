import { cancelTaskRun, getTaskRun, listTaskRuns, submitTaskRunInteraction } from '../../services/task-runs.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, notFound, pageOf, withRequestId } from '../schemas/common.js'
import { InteractionBody } from '../schemas/connections.js'
import { TaskRunListQuery, TaskRunSchema } from '../schemas/tasks.js'

const TaskRun = withRequestId(TaskRunSchema)
const one = { 200: { description: 'The task run', schema: TaskRun }, ...commonErrors, ...notFound }

export const taskRunRoutes = new Router('/v2/task-runs', 'Task runs')
  .add({
    method: 'get', path: '/', summary: 'List task runs', query: TaskRunListQuery,
    responses: { 200: { description: 'A page of task runs', schema: pageOf(TaskRunSchema) }, ...commonErrors },
    handler: (c, { query: { limit, cursor, ...filters } }) => reply(c, listTaskRuns(c.get('tenant'), { limit, cursor }, filters)),
  })
  .add({
    method: 'get', path: '/:id', summary: 'Get a task run', responses: one,
    handler: (c, { id }) => reply(c, getTaskRun(c.get('tenant'), id)),
  })
  .add({
    method: 'post', path: '/:id/cancel', summary: 'Cancel a `queued`, `running` or `pending` task run', responses: { ...one, ...conflict },
    handler: (c, { id }) => reply(c, cancelTaskRun(c.get('tenant'), id)),
  })
  .add({
    method: 'post', path: '/:id/interaction', summary: 'Answer the run\'s pending interaction (`{inputs}`; `input` accepted too)',
    body: InteractionBody, responses: { ...one, ...conflict },
    handler: (c, { id, body }) => reply(c, submitTaskRunInteraction(c.get('tenant'), id, body.inputs)),
  })
