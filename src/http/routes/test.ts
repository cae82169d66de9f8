import * as z from 'zod'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, RequestId } from '../schemas/common.js'

const TestResponse = z
  .object({
    status: z.literal('ready'),
    environment: z.literal('live').describe('Always `live`: the only value Deck documents (Deck has no sandbox).'),
    request_id: RequestId,
  })
  .meta({ id: 'TestResult' })

/**
 * `GET /v2/test`, the key check every Deck client calls first (deck-api-credentials.md §1),
 * in both generations: it needs a valid key like any other route.
 */
export const testRoutes = new Router('/v2', 'Test').add({
  method: 'get',
  path: '/test',
  summary: 'Check the API key (the first call every Deck client makes)',
  responses: { 200: { description: 'The key works', schema: TestResponse }, ...commonErrors },
  handler: (c) => reply(c, { status: 'ready', environment: 'live' }),
})
