import { createSource, deleteSource, getSource, listSources, updateSource } from '../../sources/service.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, Deleted, ListQuery, notFound, pageOf, withRequestId } from '../schemas/common.js'
import { CreateSourceBody, SourceSchema, UpdateSourceBody } from '../schemas/sources.js'

const Source = withRequestId(SourceSchema)

export const sourceRoutes = new Router('/v2/sources', 'Sources')
  .add({
    method: 'post',
    path: '/',
    summary: 'Create a source',
    body: CreateSourceBody,
    responses: { 201: { description: 'Created', schema: Source }, ...commonErrors },
    handler: (c, { body }) => reply(c, createSource(c.get('tenant'), body), 201),
  })
  .add({
    method: 'get',
    path: '/',
    summary: 'List sources',
    query: ListQuery,
    responses: { 200: { description: 'A page of sources', schema: pageOf(SourceSchema) }, ...commonErrors },
    handler: (c, { query }) => reply(c, listSources(c.get('tenant'), query)),
  })
  .add({
    method: 'get',
    path: '/:id',
    summary: 'Get a source',
    responses: { 200: { description: 'The source', schema: Source }, ...commonErrors, ...notFound },
    handler: (c, { id }) => reply(c, getSource(c.get('tenant'), id)),
  })
  .add({
    method: 'patch',
    path: '/:id',
    summary: 'Update a source',
    body: UpdateSourceBody,
    responses: { 200: { description: 'The updated source', schema: Source }, ...commonErrors, ...notFound },
    handler: (c, { id, body }) => reply(c, updateSource(c.get('tenant'), id, body)),
  })
  .add({
    method: 'delete',
    path: '/:id',
    summary: 'Delete a source',
    responses: { 200: { description: 'Deleted', schema: Deleted }, ...commonErrors, ...notFound },
    handler: (c, { id }) => reply(c, deleteSource(c.get('tenant'), id)),
  })
