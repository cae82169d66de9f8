import { endSession, getSession } from '../../sessions/service.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, notFound, withRequestId } from '../schemas/common.js'
import { SessionSchema } from '../schemas/credentials.js'

const one = { 200: { description: 'The session', schema: withRequestId(SessionSchema) }, ...commonErrors, ...notFound }

/** Credentials generation (credentials contract §3): sessions are made by runs; no list route (Deck documents none). */
export const sessionRoutes = new Router('/v2/sessions', 'Sessions')
  .add({
    method: 'get',
    path: '/:id',
    summary: 'Get a session, with its runs',
    responses: one,
    handler: (c, { id }) => reply(c, getSession(c.get('tenant'), id)),
  })
  .add({
    method: 'post',
    path: '/:id/end',
    summary: 'End a session (`completing` → `completed`; its active runs are canceled)',
    responses: { ...one, ...conflict },
    handler: (c, { id }) => reply(c, endSession(c.get('tenant'), id)),
  })
