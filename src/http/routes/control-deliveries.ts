import * as z from 'zod'
import { deliveryJournal } from '../../webhooks/queries.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors } from '../schemas/common.js'

const JournalQuery = z.object({
  event_type: z.string().min(1).optional(),
  destination_id: z.string().min(1).optional(),
})

const JournalRow = z
  .object({
    delivery_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    event_destination_id: z.string(),
    delivery_status: z.enum(['pending', 'success', 'failure', 'skipped']),
    attempt: z.number().int().describe('1-based; 0 for a delivery that has no attempt yet (waiting or skipped)'),
    at: z.string(),
    status_code: z.number().int().nullable().optional(),
    duration_ms: z.number().optional(),
    error: z.string().nullable().optional(),
    url: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional().describe('The request headers as sent (signatures included, secrets never)'),
  })
  .loose()

/** `GET /_emulator/deliveries`: every webhook attempt of the tenant, with the request headers as sent. */
export const controlDeliveryRoutes = new Router('/_emulator', 'Control plane').add({
  method: 'get',
  path: '/deliveries',
  summary: 'Every webhook attempt (headers, status, timing; secrets never), oldest first',
  query: JournalQuery,
  responses: { 200: { description: 'Attempts', schema: z.object({ data: z.array(JournalRow), request_id: z.string() }) }, ...commonErrors },
  handler: (c, { query }) => reply(c, { data: deliveryJournal(c.get('tenant'), query) }),
})
