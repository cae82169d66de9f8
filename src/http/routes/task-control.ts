import * as z from 'zod'
import { errors } from '../../domain/errors.js'
import { expectedCredentialRunInput } from '../../credential-runs/service.js'
import { findCredentialRun } from '../../credentials/world.js'
import { getTaskRun } from '../../task-runs/service.js'
import { expectedRunInputs } from '../../task-runs/runner.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, notFound, withRequestId } from '../schemas/common.js'

/** Control plane for task runs: what a test cannot otherwise know (the code the "SMS" carried). */
export const taskControlRoutes = new Router('/_emulator', 'Control plane').add({
  method: 'get',
  path: '/task-runs/:id/expected-answer',
  summary: "The answer the task run's pending interaction expects, ready to submit",
  responses: {
    200: {
      description: 'Inputs (`{inputs}` for a connections-generation run, `{input}` for a credentials-generation run)',
      schema: withRequestId(z.object({ inputs: z.record(z.string(), z.string()) })).or(withRequestId(z.object({ input: z.record(z.string(), z.string()) }))),
    },
    ...commonErrors,
    ...notFound,
    ...conflict,
  },
  handler: (c, { id }) => {
    const tenant = c.get('tenant')
    if (findCredentialRun(tenant, id)) return reply(c, { input: expectedCredentialRunInput(tenant, id) })
    const run = getTaskRun(tenant, id)
    const inputs = run.status === 'interaction_required' ? expectedRunInputs(tenant, id) : undefined
    if (!inputs) throw errors.interactionNotRequired('task run', run.status)
    return reply(c, { inputs })
  },
})
