import { describe, expect, it } from 'vitest'
import { auth, errorOf, KEY, stepApp, unitTenants } from '../../../test/helpers/http-unit.js'
import { checkRateLimit, type RateLimit } from './rate-limit.js'

const setup = (global: RateLimit | undefined, scenario?: string) => {
  const tenants = unitTenants(scenario)
  const app = stepApp((c) => {
    checkRateLimit(tenants.get(c.req.header('x-key') ?? KEY), global)
    return c.json({})
  })
  return { tenants, get: (key = KEY) => app.request('/v2/x', { headers: { ...auth(key), 'x-key': key } }) }
}

describe('checkRateLimit', () => {
  it('is off without a limit', async () => {
    const { get } = setup(undefined)
    for (let i = 0; i < 5; i++) expect((await get()).status).toBe(200)
  })

  it('answers 429 with Retry-After past the limit, per key, until the window passes on the tenant clock', async () => {
    const { get, tenants } = setup({ requests: 2, per: 10_000 })
    expect([(await get()).status, (await get()).status]).toEqual([200, 200])
    tenants.get(KEY).advance(4000)
    const limited = await get()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('6')
    expect(await errorOf(limited)).toMatchObject({ type: 'rate_limit', code: 'rate_limit_exceeded' })
    expect((await get('sk_test_unit_b')).status).toBe(200)
    tenants.get(KEY).advance(6000)
    expect((await get()).status).toBe(200)
  })

  it("prefers the scenario's rate_limit to the global one", async () => {
    const { get } = setup({ requests: 100, per: 10_000 }, 'rate_limit: { requests: 1, per: 1m }\n')
    expect([(await get()).status, (await get()).status]).toEqual([200, 429])
  })
})
