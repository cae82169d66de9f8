import * as z from 'zod'
import { parseDuration } from '../../domain/duration.js'
import { DeckError, errors } from '../../domain/errors.js'
import { allEvents } from '../../tenant/event-log.js'
import { pathGlob } from '../../control/faults.js'
import { clearRequests, listRequests } from '../../control/journal.js'
import type { Tenants } from '../../tenant/tenants.js'
import { concerns, type WaitConditions } from '../../control/wait-conditions.js'
import type { Waiters } from '../../tenant/waiters.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, ErrorEnvelope, limitParam, notFound } from '../schemas/common.js'

const MAX_WAIT_MS = 60_000

const JournalEntrySchema = z
  .object({
    request_id: z.string(),
    at: z.string(),
    method: z.string(),
    path: z.string(),
    query: z.record(z.string(), z.string()),
    status: z.number(),
    duration_ms: z.number(),
    body: z.unknown(),
    error: z.string().optional(),
    idempotency_key: z.string().optional(),
    faults: z.array(z.string()).optional(),
    fault_effects: z
      .object({
        delay_ms: z.number().optional(),
        status: z.number().optional(),
        connection: z.enum(['reset', 'reset_mid', 'empty']).optional(),
        body: z.enum(['malformed', 'trickle']).optional(),
        trickle: z.object({ duration_ms: z.number(), chunks: z.number() }).optional(),
      })
      .optional()
      .describe('what the faults did: the delay waited (as sampled), forced status, connection or body fault'),
  })
  .meta({ id: 'JournalEntry' })

const EventSchema = z.object({ id: z.string(), object: z.literal('event'), type: z.string(), data: z.record(z.string(), z.unknown()), created_at: z.string() })

const RequestsQuery = z.object({
  limit: limitParam(1000, 100),
  method: z.string().optional(),
  path: z.string().optional().describe('glob: * within a segment, ** across'),
  status: z.coerce.number().int().optional(),
})

const WaitQuery = z.object({
  connection: z.string().optional().describe('connection id; with `status`, waits for the connection to reach it'),
  status: z.string().optional().describe('one status or several separated by commas'),
  event: z.string().optional().describe('waits for an event of this type (filtered by `connection`, after event `after`)'),
  after: z.string().optional(),
  delivery: z.string().optional().describe('waits for a successful webhook delivery of this event type (when webhooks are built in)'),
  deliveries: z.literal('idle').optional().describe('`idle`: waits until no webhook delivery of the tenant is pending or waiting for a retry'),
  timeout: z.string().default('5s').describe('real time, at most 60s; 408 when it passes'),
})

/** Journals and long-polls: what tests read back from a tenant. */
export function controlObserveRoutes(tenants: Tenants, waiters: Waiters, conditions: WaitConditions) {
  return new Router('/_emulator', 'Control plane: observe')
    .add({
      method: 'get',
      path: '/requests',
      summary: 'Journal of Deck API requests (oldest first, last 1,000, secrets redacted)',
      query: RequestsQuery,
      responses: { 200: { description: 'Requests', schema: z.object({ data: z.array(JournalEntrySchema), request_id: z.string() }) }, ...commonErrors },
      handler: (c, { query }) => reply(c, { data: listRequests(c.get('tenant'), { ...query, path: query.path ? pathGlob(query.path) : undefined }) }),
    })
    .add({
      method: 'delete',
      path: '/requests',
      summary: 'Empty the request journal',
      responses: { 200: { description: 'Emptied', schema: z.object({ deleted: z.literal(true), request_id: z.string() }) }, ...commonErrors },
      handler: (c) => (clearRequests(c.get('tenant')), reply(c, { deleted: true })),
    })
    .add({
      method: 'get',
      path: '/events',
      summary: "The tenant's whole event log, oldest first (optionally about one object, or of one type)",
      query: z.object({ connection: z.string().optional(), type: z.string().optional() }),
      responses: { 200: { description: 'Events', schema: z.object({ data: z.array(EventSchema), request_id: z.string() }) }, ...commonErrors },
      handler: (c, { query }) =>
        reply(c, {
          data: allEvents(c.get('tenant')).filter((e) => (!query.connection || concerns(e, query.connection)) && (!query.type || e.type === query.type)),
        }),
    })
    .add({
      method: 'get',
      path: '/wait',
      query: WaitQuery,
      summary: 'Long-poll until a condition holds: `connection`+`status`, `event`, `delivery`, or `deliveries=idle`',
      description:
        'Answers 200 with the object that satisfies the condition (the connection, the event, the delivery) or 408 `wait_timeout` when `timeout` (real time) passes.',
      responses: {
        200: { description: 'The object the condition was met by', schema: z.record(z.string(), z.unknown()) },
        ...commonErrors,
        ...notFound,
        408: { description: 'Timed out (`wait_timeout`), with what the tenant looked like instead', schema: ErrorEnvelope },
      },
      handler: async (c, { query }) => {
        const timeout = parseDuration(query.timeout)
        if (timeout === undefined || timeout > MAX_WAIT_MS)
          throw errors.inputInvalid('`timeout` must be a duration of at most 60s, like 500ms or 5s.', 'timeout')
        const raw = Object.fromEntries(new URL(c.req.url).searchParams)
        const name = Object.keys(conditions).find((k) => raw[k] !== undefined)
        if (name && !raw[name]!.trim()) throw errors.inputMissing(name, `\`${name}\` is empty: say which ${name} to wait for.`)
        if (!name)
          throw errors.inputMissing(
            Object.keys(conditions).join(' | '),
            `Say what to wait for: ${Object.keys(conditions)
              .map((k) => `\`${k}\``)
              .join(', ')}.`,
          )
        const condition = conditions[name]!
        const key = c.get('tenant').key
        const found = await waiters.wait(key, (tenant) => condition.check(tenant, raw), timeout)
        if (found) return reply(c, found)
        throw new DeckError(408, [
          { type: 'request', code: 'wait_timeout', message: `Timed out after ${query.timeout} waiting: ${condition.describe(tenants.get(key), raw)}.` },
        ])
      },
    })
}
