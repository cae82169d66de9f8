import * as z from 'zod'
import { CREDENTIAL_STATUSES } from '../../domain/credential.js'
import { SESSION_STATUSES } from '../../domain/session.js'
import { reviewCredentialRun } from '../../credential-runs/service.js'
import { forceCredentialStatus } from '../../credentials/service.js'
import { forceSessionStatus } from '../../sessions/service.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, notFound, withRequestId } from '../schemas/common.js'
import { CredentialSchema, CredentialTaskRunSchema, SessionSchema } from '../schemas/credentials.js'

/** Control plane of the credentials generation (scenario-format §5). */
export const credentialControlRoutes = new Router('/_emulator', 'Control plane')
  .add({
    method: 'post',
    path: '/credentials/:id/transition',
    summary: 'Force a credential transition (same event as a natural one)',
    body: z.object({ status: z.enum(CREDENTIAL_STATUSES) }),
    responses: { 200: { description: 'The credential', schema: withRequestId(CredentialSchema) }, ...commonErrors, ...notFound, ...conflict },
    handler: (c, { id, body }) => reply(c, forceCredentialStatus(c.get('tenant'), id, body.status)),
  })
  .add({
    method: 'post',
    path: '/sessions/:id/transition',
    summary: 'Force a session transition (`failed` fails its runs; `completing`/`completed` close it like /end)',
    body: z.object({ status: z.enum(SESSION_STATUSES) }),
    responses: { 200: { description: 'The session', schema: withRequestId(SessionSchema) }, ...commonErrors, ...notFound, ...conflict },
    handler: (c, { id, body }) => reply(c, forceSessionStatus(c.get('tenant'), id, body.status)),
  })
  .add({
    method: 'post',
    path: '/task-runs/:id/review',
    summary: 'Approve (`{"approve":true}`: the script goes on) or reject (→ `failed`) a `review_required` run',
    body: z.object({ approve: z.boolean() }),
    responses: { 200: { description: 'The task run', schema: withRequestId(CredentialTaskRunSchema) }, ...commonErrors, ...notFound, ...conflict },
    handler: (c, { id, body }) => reply(c, reviewCredentialRun(c.get('tenant'), id, body.approve)),
  })
