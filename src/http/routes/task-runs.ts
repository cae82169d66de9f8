import { cancelTaskRun, getTaskRun, listTaskRuns, submitTaskRunInteraction } from '../../services/task-runs.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, notFound, pageOf, withRequestId } from '../schemas/common.js'
import { InteractionBody } from '../schemas/connections.js'
import { TaskRunListQuery, TaskRunSchema } from '../schemas/tasks.js'
import { z } from 'zod'
import { parseInclude, runIncludes } from '../../artifacts/include.js'
import { shotRunOf } from '../../artifacts/connection-runs.js'
import { originOf } from '../../artifacts/routes.js'

const IncludeQuery = z.object({
  include: z.string().optional().describe('Comma list of `input`, `storage` (items with signed urls), `artifacts` (`artifacts.screenshots`) and `screenshots` (alias). Left-out sections are omitted.'),
})

const TaskRun = withRequestId(TaskRunSchema)
const one = { 200: { description: 'The task run', schema: TaskRun }, ...commonErrors, ...notFound }

export const taskRunRoutes = new Router('/v2/task-runs', 'Task runs')
  .add({
    method: 'get', path: '/', summary: 'List task runs', query: TaskRunListQuery,
    responses: { 200: { description: 'A page of task runs', schema: pageOf(TaskRunSchema) }, ...commonErrors },
    handler: (c, { query: { limit, cursor, ...filters } }) => reply(c, listTaskRuns(c.get('tenant'), { limit, cursor }, filters)),
  })
  .add({
    method: 'get', path: '/:id', summary: 'Get a task run', responses: one, query: IncludeQuery,
    handler: (c, { id, query }) => {
      const tenant = c.get('tenant')
      const sections = parseInclude(c.req.queries('include') ?? query.include)
      const run = getTaskRun(tenant, id)
      return reply(c, sections.size ? { ...run, ...runIncludes(tenant, { ...shotRunOf(tenant, run), input: run.input }, sections, originOf(c)) } : run)
    },
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
