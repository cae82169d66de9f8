import {
  createConnection,
  disconnectConnection,
  getConnection,
  listConnections,
  reopenConnection,
  submitConnectionInteraction,
  updateConnection,
} from '../../connections/service.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, notFound, pageOf, withRequestId } from '../schemas/common.js'
import { ConnectionListQuery, ConnectionSchema, CreateConnectionBody, InteractionBody, UpdateConnectionBody } from '../schemas/connections.js'

const Connection = withRequestId(ConnectionSchema)
const one = { 200: { description: 'The connection', schema: Connection }, ...commonErrors, ...notFound }

export const connectionRoutes = new Router('/v2/connections', 'Connections', 'connections')
  .add({
    method: 'post',
    path: '/',
    summary: 'Create a connection (status `connecting`; the login runs in the background)',
    body: CreateConnectionBody,
    responses: { 201: { description: 'Created', schema: Connection }, ...commonErrors, ...notFound },
    handler: (c, { body }) => reply(c, createConnection(c.get('tenant'), body), 201),
  })
  .add({
    method: 'get',
    path: '/',
    summary: 'List connections',
    query: ConnectionListQuery,
    responses: { 200: { description: 'A page of connections', schema: pageOf(ConnectionSchema) }, ...commonErrors },
    handler: (c, { query: { limit, cursor, ...filters } }) => reply(c, listConnections(c.get('tenant'), { limit, cursor }, filters)),
  })
  .add({
    method: 'get',
    path: '/:id',
    summary: 'Get a connection',
    responses: one,
    handler: (c, { id }) => reply(c, getConnection(c.get('tenant'), id)),
  })
  .add({
    method: 'patch',
    path: '/:id',
    summary: 'Update a connection (`external_id`; null clears it)',
    body: UpdateConnectionBody,
    responses: one,
    handler: (c, { id, body }) => reply(c, updateConnection(c.get('tenant'), id, body)),
  })
  .add({
    method: 'post',
    path: '/:id/interaction',
    summary: 'Answer the pending interaction (MFA code, security answer, account pick)',
    body: InteractionBody,
    responses: { ...one, ...conflict },
    handler: (c, { id, body }) => reply(c, submitConnectionInteraction(c.get('tenant'), id, body.inputs)),
  })
  .add({
    method: 'post',
    path: '/:id/reopen',
    summary: 'Reopen a disconnected connection (same id, login runs again)',
    responses: { ...one, ...conflict },
    handler: (c, { id }) => reply(c, reopenConnection(c.get('tenant'), id)),
  })
  .add({
    method: 'post',
    path: '/:id/disconnect',
    summary: 'Terminate a connection (permanent; credentials deleted)',
    responses: { ...one, ...conflict },
    handler: (c, { id }) => reply(c, disconnectConnection(c.get('tenant'), id)),
  })
