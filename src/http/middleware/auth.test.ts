import { describe, expect, it } from 'vitest'
import { errorOf, KEY, stepApp, unitTenants } from '../../../test/helpers/http-unit.js'
import { authenticator } from './auth.js'

const app = (keys?: ReadonlySet<string>) => {
  const tenants = unitTenants()
  const authenticate = authenticator(tenants, keys)
  return stepApp((c) => {
    const tenant = authenticate(c)
    return c.json({ tenant: tenant.key, same: c.get('tenant') === tenant, request: c.get('requestId') })
  })
}

describe('authenticator', () => {
  it('makes the Bearer key the tenant and gives the request an id', async () => {
    const res = await app().request('/v2/x', { headers: { authorization: `Bearer ${KEY}` } })
    expect(await res.json()).toMatchObject({ tenant: KEY, same: true, request: expect.stringMatching(/^req_/) })
  })

  it('accepts the same header again (remembered) and still sets the tenant, with a new request id', async () => {
    const a = app()
    const first = await (await a.request('/v2/x', { headers: { authorization: `bearer ${KEY}  ` } })).json()
    const second = await (await a.request('/v2/x', { headers: { authorization: `bearer ${KEY}  ` } })).json()
    expect(second).toMatchObject({ tenant: KEY, same: true })
    expect(second.request).not.toBe(first.request)
  })

  it.each([
    [undefined, /No API key provided/],
    ['Basic abc', /No API key provided/],
    ['Bearer sk_prod_abcd', /Malformed API key/],
    ['Bearer sk_test_ab', /Malformed API key/],
  ])('refuses %j with 401 api_key_invalid', async (value, message) => {
    const res = await app().request('/v2/x', value ? { headers: { authorization: value } } : {})
    expect(res.status).toBe(401)
    expect(await errorOf(res)).toMatchObject({ type: 'request', code: 'api_key_invalid', message: expect.stringMatching(message) })
  })

  it('with a key list, refuses a well-formed key that is not on it', async () => {
    const a = app(new Set([KEY]))
    expect((await a.request('/v2/x', { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(200)
    const res = await a.request('/v2/x', { headers: { authorization: 'Bearer sk_test_other' } })
    expect(await errorOf(res)).toMatchObject({ code: 'api_key_invalid', message: expect.stringMatching(/Unknown API key/) })
  })
})
