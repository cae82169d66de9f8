import * as z from 'zod'
import { ListQuery, RequestId, Timestamp } from './common.js'

export const EventSchema = z
  .object({
    id: z.string(),
    object: z.literal('event'),
    type: z.string(),
    data: z.record(z.string(), z.unknown()).describe('The full object as it was when the event happened (connections include `external_id`).'),
    created_at: Timestamp,
  })
  .meta({ id: 'Event' })

const IsoFilter = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date-time, e.g. 2026-01-15T09:30:00Z' })

export const EventListQuery = ListQuery.extend({
  type: z
    .string()
    .min(1)
    .optional()
    .describe('One type, or several separated by commas.')
    .transform((v) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
    ),
  created_after: IsoFilter.optional(),
  created_before: IsoFilter.optional(),
})

export const EventTypesResponse = z.object({
  data: z.array(z.object({ type: z.string(), description: z.string() })),
  request_id: RequestId,
})

export const ResendBody = z.object({
  event_destination_id: z.string().min(1).optional().describe('Only this destination (default: every active destination subscribed to the type).'),
})
