import * as z from 'zod'
import { errors } from '../../domain/errors.js'
import { FaultSchema } from '../../scenario/schema.js'
import { addFault, clearFaults, listFaults } from '../../control/faults.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, notFound } from '../schemas/common.js'

const ActiveFaultSchema = z
  .object({
    id: z.string(),
    origin: z.enum(['scenario', 'control']),
    match: z.object({ method: z.string().optional(), path: z.string() }),
    respond: z
      .object({
        status: z.number(),
        type: z.string().optional(),
        code: z.string().optional(),
        message: z.string().optional(),
        retry_after: z.number().optional(),
      })
      .optional(),
    delay: z
      .union([
        z.number(),
        z.object({ uniform: z.tuple([z.number(), z.number()]) }),
        z.object({ lognormal: z.object({ median: z.number(), sigma: z.number(), max: z.number().optional() }) }),
      ])
      .optional()
      .describe('milliseconds: fixed, or a distribution sampled per request (at most 60 s)'),
    times: z.number().optional(),
    connection: z.enum(['reset', 'reset_mid', 'empty']).optional(),
    body: z.enum(['malformed', 'trickle']).optional(),
    trickle: z.object({ duration: z.number().describe('milliseconds'), chunks: z.number() }).optional(),
    probability: z.number().optional(),
    hits: z.number(),
    remaining: z.number().nullable(),
  })
  .meta({ id: 'Fault' })

/** API faults at run time: the same format as a scenario's `faults:` entries. */
export const controlFaultRoutes = new Router('/_emulator', 'Control plane: faults')
  .add({
    method: 'post',
    path: '/faults',
    summary: 'Add an API fault (forced error, real-time delay, broken connection or body) to the tenant',
    description: 'Body as a scenario `faults:` entry: `{"match":{"method":"POST","path":"/v2/connections"},"respond":{"status":503},"times":1}`.',
    body: FaultSchema,
    responses: { 201: { description: 'The fault', schema: ActiveFaultSchema.extend({ request_id: z.string() }) }, ...commonErrors },
    handler: (c, { body }) => reply(c, addFault(c.get('tenant'), body), 201),
  })
  .add({
    method: 'get',
    path: '/faults',
    summary: "The tenant's faults (scenario and added), with hit counts",
    responses: { 200: { description: 'Faults', schema: z.object({ data: z.array(ActiveFaultSchema), request_id: z.string() }) }, ...commonErrors },
    handler: (c) => reply(c, { data: listFaults(c.get('tenant')) }),
  })
  .add({
    method: 'delete',
    path: '/faults',
    summary: 'Remove every fault (a reset brings back the scenario ones)',
    responses: { 200: { description: 'Removed', schema: z.object({ deleted: z.number(), request_id: z.string() }) }, ...commonErrors },
    handler: (c) => reply(c, { deleted: clearFaults(c.get('tenant')) }),
  })
  .add({
    method: 'delete',
    path: '/faults/:id',
    summary: 'Remove one fault',
    responses: { 200: { description: 'Removed', schema: z.object({ deleted: z.number(), request_id: z.string() }) }, ...commonErrors, ...notFound },
    handler: (c, { id }) => {
      const deleted = clearFaults(c.get('tenant'), id)
      if (!deleted) throw errors.notFound('fault', id)
      return reply(c, { deleted })
    },
  })
