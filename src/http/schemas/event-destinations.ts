import * as z from 'zod'
import { DELIVERY_STATUSES, DESTINATION_STATUSES } from '../../domain/webhooks.js'
import { ListQuery, Timestamp } from './common.js'

const Url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
const CustomHeaders = z
  .union([z.string(), z.record(z.string(), z.string())], { error: 'expected a JSON-encoded object of header names to string values (or such an object)' })
  .describe(
    'A JSON-encoded object of header names to values (an object is accepted too). `webhook-*`, `content-type`, `content-length` and `host` are reserved.',
  )

export const DestinationSchema = z
  .object({
    id: z.string(),
    object: z.literal('event_destination'),
    name: z.string(),
    status: z.enum(DESTINATION_STATUSES),
    type: z.literal('webhook'),
    events: z.array(z.string()),
    webhook: z.object({ url: z.string(), custom_headers: z.string().nullable() }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'EventDestination' })

export const DestinationWithSecret = DestinationSchema.extend({
  webhook: z.object({
    url: z.string(),
    custom_headers: z.string().nullable(),
    secret: z.string().describe('Shown only in the create and rotate-secret responses.'),
  }),
})

export const CreateDestinationBody = z.object({
  name: z.string().min(1).max(255),
  type: z.enum(['webhook']).default('webhook'),
  events: z.array(z.string()).min(1).describe('["*"] or a list of event types (GET /v2/event-types).'),
  webhook: z.object({
    url: Url,
    secret: z.string().optional().describe('whsec_… (base64 of 24–64 bytes); generated when absent.'),
    custom_headers: CustomHeaders.optional(),
  }),
})

export const UpdateDestinationBody = z.object({
  name: z.string().min(1).max(255).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  events: z.array(z.string()).min(1).optional(),
  webhook: z
    .object({
      url: Url.optional(),
      secret: z.string().optional().describe('Replaces the secret at once; use rotate-secret for a grace period.'),
      custom_headers: CustomHeaders.nullable().optional(),
    })
    .optional(),
})

export const DestinationListQuery = ListQuery.extend({ status: z.enum(DESTINATION_STATUSES).optional() })

export const DeliverySchema = z
  .object({
    id: z.string(),
    object: z.literal('event_delivery'),
    status: z.enum(DELIVERY_STATUSES),
    event_id: z.string(),
    event_type: z.string(),
    event_destination_id: z.string(),
    attempts: z.array(z.object({ at: Timestamp, status_code: z.number().nullable(), duration_ms: z.number(), error: z.string().nullable() })),
    created_at: Timestamp,
    delivered_at: Timestamp.nullable(),
  })
  .meta({ id: 'EventDelivery' })

export const DeliveryListQuery = ListQuery.extend({
  status: z.enum(DELIVERY_STATUSES).optional(),
  type: z.string().min(1).optional(),
})
