import { createCredential, deleteCredential, getCredential, listCredentials, updateCredential } from '../../credentials/service.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, notFound, pageOf, withRequestId } from '../schemas/common.js'
import { CreateCredentialBody, CredentialListQuery, CredentialSchema, UpdateCredentialBody } from '../schemas/credentials.js'

const Credential = withRequestId(CredentialSchema)
const one = { 200: { description: 'The credential', schema: Credential }, ...commonErrors, ...notFound }

/** Credentials generation (credentials contract §2): a user's login, verified by the first run that uses it. */
export const credentialRoutes = new Router('/v2/credentials', 'Credentials')
  .add({
    method: 'post',
    path: '/',
    summary: 'Create a credential (status `unverified`; no login happens yet)',
    body: CreateCredentialBody,
    responses: { 201: { description: 'Created', schema: Credential }, ...commonErrors, ...notFound },
    handler: (c, { body }) => reply(c, createCredential(c.get('tenant'), body), 201),
  })
  .add({
    method: 'get',
    path: '/',
    summary: 'List credentials (filters `source_id[]`, `status[]`, `external_id`)',
    query: CredentialListQuery,
    responses: { 200: { description: 'A page of credentials', schema: pageOf(CredentialSchema) }, ...commonErrors },
    handler: (c, { query: { limit, cursor, ...filters } }) => reply(c, listCredentials(c.get('tenant'), { limit, cursor }, filters)),
  })
  .add({
    method: 'get',
    path: '/:id',
    summary: 'Get a credential',
    responses: one,
    handler: (c, { id }) => reply(c, getCredential(c.get('tenant'), id)),
  })
  .add({
    method: 'patch',
    path: '/:id',
    summary: 'Update a credential (`external_id`, `auth_credentials`; new credentials → `unverified`)',
    body: UpdateCredentialBody,
    responses: { ...one, ...conflict },
    handler: (c, { id, body }) => reply(c, updateCredential(c.get('tenant'), id, body)),
  })
  .add({
    method: 'delete',
    path: '/:id',
    summary: 'Delete a credential (secrets wiped; stays readable with `status: deleted`)',
    responses: one,
    handler: (c, { id }) => reply(c, deleteCredential(c.get('tenant'), id)),
  })
