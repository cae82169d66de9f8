import * as z from 'zod'
import { errors } from '../../domain/errors.js'
import { CONNECTION_STATUSES } from '../../domain/types.js'
import { Duration } from '../../scenario/durations.js'
import { parseScenario, ScenarioError } from '../../scenario/load.js'
import { ScenarioSchema } from '../../scenario/schema.js'
import { forceConnectionStatus, getConnection } from '../../connections/service.js'
import { expectedInputs } from '../../connections/login-runner.js'
import { clockView, setClock } from '../../control/clock.js'
import { sourceIds } from '../../sources/service.js'
import type { Tenants } from '../../tenant/tenants.js'
import { SCENARIO_LIMIT } from '../pipeline.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, conflict, ErrorEnvelope, notFound, withRequestId } from '../schemas/common.js'
import { ConnectionSchema, InteractionSchema } from '../schemas/connections.js'

const ClockSchema = withRequestId(z.object({ mode: z.enum(['manual', 'system']), now: z.string() }))

/** The emulator's own control plane: acts on the caller's tenant only. */
export function controlRoutes(tenants: Tenants) {
  return new Router('/_emulator', 'Control plane')
    .add({
      method: 'post',
      path: '/reset',
      summary: 'Reset the tenant to its loaded scenario (or blank)',
      responses: { 200: { description: 'Reset', schema: withRequestId(z.object({ reset: z.literal(true) })) }, ...commonErrors },
      handler: (c) => {
        const tenant = tenants.reset(c.get('tenant').key)
        c.set('tenant', tenant)
        return reply(c, { reset: true })
      },
    })
    .add({
      method: 'put',
      path: '/scenario',
      summary: 'Load a scenario (YAML or JSON body) into the tenant, replacing the old one',
      rawBody: {
        description: `A scenario (scenario-format.md) as YAML or JSON, at most ${SCENARIO_LIMIT / 1024 / 1024} MiB (413 beyond).`,
        contentTypes: ['application/yaml', 'application/json', 'text/plain'],
        schema: ScenarioSchema,
      },
      responses: {
        200: { description: 'Loaded', schema: withRequestId(z.object({ loaded: z.string(), sources: z.array(z.string()) })) },
        ...commonErrors,
        413: { description: 'Scenario too large (`payload_too_large`)', schema: ErrorEnvelope },
      },
      handler: (c) => {
        let scenario: ReturnType<typeof parseScenario>
        try {
          scenario = parseScenario(c.get('text') ?? '', 'request body')
        } catch (error) {
          if (error instanceof ScenarioError) throw errors.inputInvalid(error.message, 'body')
          throw error
        }
        const tenant = tenants.replace(c.get('tenant').key, scenario)
        c.set('tenant', tenant)
        return reply(c, { loaded: scenario.name, sources: sourceIds(tenant) })
      },
    })
    .add({
      method: 'get',
      path: '/clock',
      summary: "Read the tenant's clock",
      responses: { 200: { description: 'The clock', schema: ClockSchema }, ...commonErrors },
      handler: (c) => reply(c, clockView(c.get('tenant'))),
    })
    .add({
      method: 'post',
      path: '/clock/advance',
      summary: 'Move the clock forward; everything that falls due runs',
      body: z.object({ by: Duration }),
      responses: { 200: { description: 'The clock', schema: ClockSchema }, ...commonErrors },
      handler: (c, { body }) => {
        c.get('tenant').advance(body.by)
        return reply(c, clockView(c.get('tenant')))
      },
    })
    .add({
      method: 'post',
      path: '/clock',
      summary: 'Switch the clock mode (manual | system), optionally jumping to `now`',
      body: z.object({ mode: z.enum(['manual', 'system']), now: z.iso.datetime({ offset: true }).optional() }),
      responses: { 200: { description: 'The clock', schema: ClockSchema }, ...commonErrors },
      handler: (c, { body }) => {
        const tenant = c.get('tenant')
        setClock(tenant, body.mode, body.now ? Date.parse(body.now) : undefined)
        tenant.runDue()
        return reply(c, clockView(tenant))
      },
    })
    .add({
      generation: 'connections',
      method: 'post',
      path: '/connections/:id/transition',
      summary: 'Force a connection transition (same events as a natural one)',
      body: z.object({ status: z.enum(CONNECTION_STATUSES), interaction: InteractionSchema.optional() }),
      responses: { 200: { description: 'The connection', schema: withRequestId(ConnectionSchema) }, ...commonErrors, ...notFound, ...conflict },
      handler: (c, { id, body }) => reply(c, forceConnectionStatus(c.get('tenant'), id, body.status, body.interaction)),
    })
    .add({
      generation: 'connections',
      method: 'get',
      path: '/connections/:id/expected-answer',
      summary: 'The answer the pending interaction expects, ready to submit',
      responses: {
        200: { description: 'Inputs', schema: withRequestId(z.object({ inputs: z.record(z.string(), z.string()) })) },
        ...commonErrors,
        ...notFound,
        ...conflict,
      },
      handler: (c, { id }) => {
        const tenant = c.get('tenant')
        const connection = getConnection(tenant, id)
        const inputs = connection.status === 'interaction_required' ? expectedInputs(tenant, id) : undefined
        if (!inputs) throw errors.interactionNotRequired('connection', connection.status)
        return reply(c, { inputs })
      },
    })
}
