import { describe, expect, it } from 'vitest'
import { errorOf, KEY, stepApp, unitTenants } from '../../../test/helpers/http-unit.js'
import { addFault } from '../../control/faults.js'
import { FaultSchema } from '../../scenario/schema.js'
import { applyFaults, takeNetworkEffect } from './faults.js'

const setup = () => {
  const tenants = unitTenants()
  const app = stepApp((c) => {
    const delayed = applyFaults(c, tenants.get(KEY))
    const answer = () => c.json({ faults: c.get('faults') ?? [], network: c.get('faultEffects') ? (takeNetworkEffect(c) ?? null) : null })
    return delayed ? delayed.then(answer) : answer()
  })
  const fault = (def: unknown) => addFault(tenants.get(KEY), FaultSchema.parse(def))
  return { app, fault }
}

describe('applyFaults', () => {
  it('lets a request no fault matches through, without a promise and without marking it', async () => {
    const { app, fault } = setup()
    fault({ match: { method: 'POST', path: '/v2/connections' }, respond: { status: 503 } })
    expect(await (await app.request('/v2/connections')).json()).toEqual({ faults: [], network: null })
  })

  it('answers with the forced error before the route, as a Deck envelope, as many times as asked', async () => {
    const { app, fault } = setup()
    const { id } = fault({ match: { path: '/v2/**' }, respond: { status: 503, code: 'maintenance', message: 'Down for a bit.' }, times: 1 })
    const res = await app.request('/v2/connections/conn_1')
    expect(res.status).toBe(503)
    expect(await errorOf(res)).toMatchObject({ code: 'maintenance', message: 'Down for a bit.' })
    expect(await (await app.request('/v2/connections/conn_1')).json()).toEqual({ faults: [], network: null })
    expect(id).toMatch(/^flt_/)
  })

  it('waits a delay (real time) and then lets the request through, marked with the fault', async () => {
    const { app, fault } = setup()
    const { id } = fault({ delay: '30ms' })
    const started = performance.now()
    expect(await (await app.request('/v2/x')).json()).toEqual({ faults: [id], network: null })
    expect(performance.now() - started).toBeGreaterThanOrEqual(25)
  })

  it('hands a network effect on to the chaos layer (takeNetworkEffect)', async () => {
    const { app, fault } = setup()
    const { id } = fault({ connection: 'reset' })
    expect(await (await app.request('/v2/x')).json()).toEqual({ faults: [id], network: { connection: 'reset' } })
  })
})
