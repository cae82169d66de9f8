import { eventTypesFor } from '../../domain/event-types-by-generation.js'
import { getPublicEvent, listEvents } from '../../tenant/public-events.js'
import { resendEvent } from '../../webhooks/outbox.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, notFound, pageOf, RequestId, withRequestId } from '../schemas/common.js'
import { DeliverySchema } from '../schemas/event-destinations.js'
import { EventListQuery, EventSchema, EventTypesResponse, ResendBody } from '../schemas/events.js'
import * as z from 'zod'

export const eventRoutes = new Router('/v2', 'Events')
  .add({
    method: 'get',
    path: '/events',
    summary: 'List events (kept 30 days)',
    query: EventListQuery,
    responses: { 200: { description: 'A page of events, newest first', schema: pageOf(EventSchema) }, ...commonErrors },
    handler: (c, { query }) => reply(c, listEvents(c.get('tenant'), query)),
  })
  .add({
    method: 'get',
    path: '/events/:id',
    summary: 'Get an event',
    responses: { 200: { description: 'The event', schema: withRequestId(EventSchema) }, ...commonErrors, ...notFound },
    handler: (c, { id }) => reply(c, getPublicEvent(c.get('tenant'), id)),
  })
  .add({
    method: 'post',
    path: '/events/:id/resend',
    summary: 'Deliver an event again (emulator decision: new, unfaulted deliveries)',
    body: ResendBody,
    responses: {
      200: { description: 'The deliveries created', schema: z.object({ data: z.array(DeliverySchema), request_id: RequestId }) },
      ...commonErrors,
      ...notFound,
      ...conflict,
    },
    handler: (c, { id, body }) => reply(c, resendEvent(c.get('tenant'), id, body.event_destination_id)),
  })
  .add({
    method: 'get',
    path: '/event-types',
    summary: "Every event type the tenant's API generation(s) emit (not paginated)",
    responses: { 200: { description: 'Event types', schema: EventTypesResponse }, ...commonErrors },
    handler: (c) => reply(c, { data: eventTypesFor(c.get('tenant').api) }),
  })
