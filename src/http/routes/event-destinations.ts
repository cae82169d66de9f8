import { createDestination, deleteDestination, getDestination, listDestinations, rotateSecret, updateDestination } from '../../webhooks/destinations.js'
import { listDeliveries } from '../../webhooks/queries.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, Deleted, notFound, pageOf, withRequestId } from '../schemas/common.js'
import {
  CreateDestinationBody,
  DeliveryListQuery,
  DeliverySchema,
  DestinationListQuery,
  DestinationSchema,
  DestinationWithSecret,
  UpdateDestinationBody,
} from '../schemas/event-destinations.js'

const Destination = withRequestId(DestinationSchema)

export const eventDestinationRoutes = new Router('/v2/event-destinations', 'Event destinations')
  .add({
    method: 'post',
    path: '/',
    summary: 'Create an event destination (the secret is shown only here and on rotate)',
    body: CreateDestinationBody,
    responses: { 201: { description: 'Created', schema: withRequestId(DestinationWithSecret) }, ...commonErrors },
    handler: (c, { body }) => reply(c, createDestination(c.get('tenant'), body), 201),
  })
  .add({
    method: 'get',
    path: '/',
    summary: 'List event destinations',
    query: DestinationListQuery,
    responses: { 200: { description: 'A page of destinations', schema: pageOf(DestinationSchema) }, ...commonErrors },
    handler: (c, { query }) => reply(c, listDestinations(c.get('tenant'), query)),
  })
  .add({
    method: 'get',
    path: '/:id',
    summary: 'Get an event destination',
    responses: { 200: { description: 'The destination', schema: Destination }, ...commonErrors, ...notFound },
    handler: (c, { id }) => reply(c, getDestination(c.get('tenant'), id)),
  })
  .add({
    method: 'patch',
    path: '/:id',
    summary: 'Update an event destination (name, status, events, webhook)',
    body: UpdateDestinationBody,
    responses: { 200: { description: 'The updated destination', schema: Destination }, ...commonErrors, ...notFound },
    handler: (c, { id, body }) => reply(c, updateDestination(c.get('tenant'), id, body)),
  })
  .add({
    method: 'delete',
    path: '/:id',
    summary: 'Delete an event destination (its pending deliveries are dropped)',
    responses: { 200: { description: 'Deleted', schema: Deleted }, ...commonErrors, ...notFound },
    handler: (c, { id }) => reply(c, deleteDestination(c.get('tenant'), id)),
  })
  .add({
    method: 'post',
    path: '/:id/rotate-secret',
    summary: 'New secret; the previous one keeps signing for 24 h (emulator clock)',
    responses: {
      200: { description: 'The destination with its new secret', schema: withRequestId(DestinationWithSecret) },
      ...commonErrors,
      ...notFound,
      ...conflict,
    },
    handler: (c, { id }) => reply(c, rotateSecret(c.get('tenant'), id)),
  })
  .add({
    method: 'get',
    path: '/:id/event-deliveries',
    summary: 'List deliveries to a destination, with every attempt',
    query: DeliveryListQuery,
    responses: { 200: { description: 'A page of deliveries', schema: pageOf(DeliverySchema) }, ...commonErrors, ...notFound },
    handler: (c, { id, query }) => reply(c, listDeliveries(c.get('tenant'), id, query)),
  })
