import { parseInclude } from '../../domain/include.js'
import { cancelCredentialRun, getCredentialRun, submitCredentialRunInteraction } from '../../credential-runs/service.js'
import { findCredentialRun } from '../../credentials/world.js'
import { listAnyTaskRuns } from '../../task-runs/list.js'
import { cancelTaskRun, getTaskRun, submitTaskRunInteraction } from '../../task-runs/service.js'
import type { Tenant } from '../../tenant/tenant.js'
import { AnyTaskRunListQuery, CredentialTaskRunSchema, IncludeQuery } from '../schemas/credentials.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, notFound, pageOf, withRequestId } from '../schemas/common.js'
import { InteractionBody } from '../schemas/connections.js'
import { TaskRunSchema } from '../schemas/tasks.js'
import { runIncludes } from '../../artifacts/include.js'
import { shotRunById } from '../../artifacts/runs.js'
import { originOf } from '../../artifacts/routes.js'

const TaskRun = withRequestId(TaskRunSchema)
const one = {
  200: {
    description: 'The task run (a connections-generation `TaskRun` or a credentials-generation `CredentialTaskRun`)',
    schema: TaskRun.or(withRequestId(CredentialTaskRunSchema)),
  },
  ...commonErrors,
  ...notFound,
}
/** A run id belongs to one generation: credentials-generation runs live in their own collection. */
const isCredentialRun = (tenant: Tenant, id: string) => findCredentialRun(tenant, id) !== undefined

export const taskRunRoutes = new Router('/v2/task-runs', 'Task runs')
  .add({
    method: 'get',
    path: '/',
    summary: 'List task runs',
    query: AnyTaskRunListQuery,
    responses: { 200: { description: 'A page of task runs', schema: pageOf(TaskRunSchema.or(CredentialTaskRunSchema)) }, ...commonErrors },
    handler: (c, { query: { limit, cursor, include, ...filters } }) =>
      reply(c, listAnyTaskRuns(c.get('tenant'), { limit, cursor }, filters, parseInclude(include))),
  })
  .add({
    method: 'get',
    path: '/:id',
    summary: 'Get a task run (`include=input,storage,artifacts,screenshots`)',
    query: IncludeQuery,
    responses: one,
    handler: (c, { id, query }) => {
      const tenant = c.get('tenant')
      const include = parseInclude(query.include)
      const credentialRun = isCredentialRun(tenant, id)
      const run: object = credentialRun ? getCredentialRun(tenant, id, include) : getTaskRun(tenant, id)
      include.delete('input') // the views above already hold the input (connections-generation runs always do)
      return reply(c, include.size ? { ...run, ...runIncludes(tenant, shotRunById(tenant, id)!, include, originOf(c)) } : run)
    },
  })
  .add({
    method: 'post',
    path: '/:id/cancel',
    summary: 'Cancel a `queued`, `running` or `pending` task run',
    responses: { ...one, ...conflict },
    handler: (c, { id }) => reply(c, isCredentialRun(c.get('tenant'), id) ? cancelCredentialRun(c.get('tenant'), id) : cancelTaskRun(c.get('tenant'), id)),
  })
  .add({
    method: 'post',
    path: '/:id/interaction',
    summary: "Answer the run's pending interaction (`{inputs}`; `input` accepted too)",
    body: InteractionBody,
    responses: { ...one, ...conflict },
    handler: (c, { id, body }) =>
      reply(
        c,
        isCredentialRun(c.get('tenant'), id)
          ? submitCredentialRunInteraction(c.get('tenant'), id, body.inputs)
          : submitTaskRunInteraction(c.get('tenant'), id, body.inputs),
      ),
  })
