import { describe, expect, it } from 'vitest'
import { auth, KEY, stepApp, unitTenants } from '../../../test/helpers/http-unit.js'
import { listRequests } from '../../control/journal.js'
import { errors } from '../../domain/errors.js'
import { recordJournal } from './journal.js'

const setup = () => {
  const tenants = unitTenants()
  const app = stepApp(async (c) => {
    const tenant = tenants.get(KEY)
    const at = tenant.now()
    c.set('requestId', 'req_unit')
    c.set('body', c.req.method === 'GET' ? {} : await c.req.json())
    let res: Response
    if (c.req.header('x-fail')) {
      c.error = errors.inputInvalid('bad', 'name')
      res = c.json({}, 400)
    } else res = c.json({ ok: true }, c.req.method === 'POST' ? 201 : 200)
    recordJournal(c, res, tenant, performance.now(), at)
    return res
  })
  return { app, entries: () => listRequests(tenants.get(KEY), { limit: 10 }) }
}

describe('recordJournal', () => {
  it('records method, path, status, request id and idempotency key, with the body redacted', async () => {
    const { app, entries } = setup()
    await app.request('/v2/connections?limit=2', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', 'idempotency-key': 'k1' },
      body: JSON.stringify({ source_id: 'src_a', auth_credentials: { username: 'u', password: 'hunter2' } }),
    })
    expect(entries()).toMatchObject([
      {
        request_id: 'req_unit',
        method: 'POST',
        path: '/v2/connections',
        status: 201,
        idempotency_key: 'k1',
        body: { source_id: 'src_a', auth_credentials: { username: 'u', password: '[redacted]' } },
      },
    ])
    expect(JSON.stringify(entries())).not.toContain('hunter2')
  })

  it('keeps no body for a GET and names the error code of a failed request', async () => {
    const { app, entries } = setup()
    await app.request('/v2/connections', { headers: auth() })
    await app.request('/v2/connections', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json', 'x-fail': '1' }, body: '{"name":1}' })
    expect(entries()).toMatchObject([
      { method: 'GET', status: 200, body: null },
      { method: 'POST', status: 400, error: 'input_invalid' },
    ])
  })
})
