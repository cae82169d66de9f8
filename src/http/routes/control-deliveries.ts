import { z } from 'zod'
import { deliveryJournal } from '../../webhooks/queries.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors } from '../schemas/common.js'

const JournalQuery = z.object({
  event_type: z.string().min(1).optional(),
  destination_id: z.string().min(1).optional(),
})

/** `GET /_emulator/deliveries`: every webhook attempt of the tenant, with the request headers as sent. */
export const controlDeliveryRoutes = new Router('/_emulator', 'Control plane')
  .add({
    method: 'get', path: '/deliveries', summary: 'Every webhook attempt (headers, status, timing; secrets never), oldest first', query: JournalQuery,
    responses: { 200: { description: 'Attempts', schema: z.object({ data: z.array(z.record(z.string(), z.unknown())) }) }, ...commonErrors },
    handler: (c, { query }) => reply(c, { data: deliveryJournal(c.get('tenant'), query) }),
  })
