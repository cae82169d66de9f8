import Ajv from 'ajv'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { allEvents } from '../../src/tenant/event-log.js'
import type { Emulator } from '../../src/index.js'
import type { setup } from './api.js'

type Ctx = Awaited<ReturnType<typeof setup>>

/** A non-trivial output schema: nested objects, arrays, enums, formats, patterns, oneOf, nullable. */
export const ORDERS_OUTPUT_SCHEMA = {
  type: 'object',
  required: ['customer', 'orders', 'total_count'],
  additionalProperties: false,
  properties: {
    customer: {
      type: 'object',
      required: ['name', 'email'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 2, maxLength: 60 },
        email: { type: 'string', format: 'email' },
        website: { type: 'string', format: 'uri' },
      },
    },
    orders: {
      type: 'array',
      minItems: 1,
      maxItems: 6,
      items: {
        type: 'object',
        required: ['id', 'status', 'placed_at', 'amount', 'lines'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^ORD-[0-9]{6}$' },
          uuid: { type: 'string', format: 'uuid' },
          status: { enum: ['placed', 'shipped', 'delivered', 'returned'] },
          placed_at: { type: 'string', format: 'date-time' },
          delivered_on: { type: ['string', 'null'], format: 'date' },
          amount: { type: 'number', minimum: 0, maximum: 10_000, multipleOf: 0.01 },
          lines: {
            type: 'array',
            minItems: 1,
            maxItems: 4,
            items: {
              type: 'object',
              required: ['sku', 'qty'],
              properties: { sku: { type: 'string', minLength: 4, maxLength: 12 }, qty: { type: 'integer', minimum: 1, maximum: 9 } },
            },
          },
          tags: { type: 'array', items: { type: 'string', enum: ['gift', 'express', 'fragile'] }, uniqueItems: true, maxItems: 3 },
          tracking: { oneOf: [{ type: 'string', pattern: '^1Z[A-Z0-9]{16}$' }, { type: 'null' }] },
        },
      },
    },
    total_count: { type: 'integer', minimum: 0, maximum: 500 },
    currency: { const: 'USD' },
    has_more: { type: 'boolean' },
  },
}

export const SEARCH_INPUT_SCHEMA = {
  type: 'object',
  required: ['query'],
  properties: {
    query: { type: 'string', minLength: 1 },
    limit: { type: 'integer', minimum: 1, maximum: 50 },
    filters: { type: 'object', properties: { status: { enum: ['placed', 'shipped'] }, since: { type: 'string', format: 'date' } } },
  },
}

type AnyAjv = InstanceType<typeof Ajv.default>
const draft07 = new (Ajv as unknown as typeof Ajv.default)({ strict: false, allErrors: true })
const draft2020 = new (Ajv2020 as unknown as typeof Ajv.default)({ strict: false, allErrors: true })
for (const a of [draft07, draft2020]) (addFormats as unknown as (a: unknown) => void)(a)
/** An independent validator (fresh ajv instances), so tests don't trust the code under test. */
export function conforms(schema: object, value: unknown): true | string {
  const ajv: AnyAjv = String((schema as { $schema?: string }).$schema ?? '').includes('2020-12') ? draft2020 : draft07
  const validate = ajv.compile(schema)
  return validate(value) ? true : ajv.errorsText(validate.errors)
}

export function eventTypes(emulator: Emulator, key: string, prefix = ''): string[] {
  return allEvents(emulator.tenants.get(key))
    .map((e) => e.type)
    .filter((t) => t.startsWith(prefix))
}

export function eventsOf(emulator: Emulator, key: string, prefix = '') {
  return allEvents(emulator.tenants.get(key)).filter((e) => e.type.startsWith(prefix))
}

/** An agent and a task (API-created: default run script) in the context's tenant. */
export async function agentAndTask(ctx: Ctx, task: Record<string, unknown> = {}) {
  const agent = await ctx.client.post('/v2/agents', { name: 'Order assistant' })
  const created = await ctx.client.post('/v2/tasks', {
    name: 'Search orders',
    agent_id: agent.body.id,
    input_schema: SEARCH_INPUT_SCHEMA,
    output_schema: ORDERS_OUTPUT_SCHEMA,
    ...task,
  })
  if (created.status !== 201) throw new Error(`task create failed: ${JSON.stringify(created.body)}`)
  return { agentId: agent.body.id as string, taskId: created.body.id as string }
}

/** A connected connection on a fresh API source (magic credentials). */
export async function connected(ctx: Ctx, username = 'user_good', extra: Record<string, unknown> = {}) {
  const sourceId = await ctx.source()
  const connectionId = await ctx.connect(sourceId, username, 'pw', extra)
  await ctx.advance('0s')
  return { sourceId, connectionId }
}
