import { describe, expect, it } from 'vitest'
import { auth, errorOf, KEY, stepApp, unitTenants } from '../../../test/helpers/http-unit.js'
import { errors } from '../../domain/errors.js'
import { idempotency } from './idempotency.js'

/** A mutation route behind the idempotency step: counts its runs, fails when the body says so. */
const setup = () => {
  const tenants = unitTenants()
  const idempotent = idempotency()
  let runs = 0
  const app = stepApp(async (c) => {
    c.set('tenant', tenants.get(KEY))
    c.set('body', await c.req.json())
    return idempotent(c, async () => {
      runs++
      if (c.get('body').fail) throw errors.inputInvalid('bad', 'fail')
      await new Promise((resolve) => setTimeout(resolve, 5))
      return c.json({ run: runs, body: c.get('body') }, 201)
    })
  })
  const post = (body: unknown, key?: string, path = '/v2/things') =>
    app.request(path, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify(body),
    })
  return { post, runs: () => runs, tenants }
}

describe('idempotency', () => {
  it('runs every request without a key', async () => {
    const { post, runs } = setup()
    await post({ a: 1 })
    await post({ a: 1 })
    expect(runs()).toBe(2)
  })

  it('replays the stored response for the same key and parameters (whatever the key order), marked idempotent-replayed', async () => {
    const { post, runs } = setup()
    const first = await post({ a: 1, b: 2 }, 'key-1')
    const again = await post({ b: 2, a: 1 }, 'key-1')
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([201, 'true'])
    expect(await again.json()).toEqual(await first.json())
    expect(runs()).toBe(1)
  })

  it('refuses the same key with other parameters (409), or on another path', async () => {
    const { post } = setup()
    await post({ a: 1 }, 'key-1')
    expect(await errorOf(await post({ a: 2 }, 'key-1'))).toMatchObject({ type: 'idempotency', code: 'idempotency_error' })
    expect((await post({ a: 1 }, 'key-1', '/v2/other')).status).toBe(409)
  })

  it('stores only successful responses: a failed request may be retried with its key', async () => {
    const { post, runs } = setup()
    expect((await post({ fail: true }, 'key-1')).status).toBe(400)
    expect((await post({ fail: true }, 'key-1')).status).toBe(400)
    expect(runs()).toBe(2)
  })

  it('lets concurrent requests with one key wait for the first and share its response', async () => {
    const { post, runs } = setup()
    const answers = await Promise.all([post({ a: 1 }, 'key-1'), post({ a: 1 }, 'key-1'), post({ a: 1 }, 'key-1')])
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201])
    expect(runs()).toBe(1)
  })

  it('forgets a key after 24 h of tenant time', async () => {
    const { post, runs, tenants } = setup()
    await post({ a: 1 }, 'key-1')
    tenants.get(KEY).advance(24 * 60 * 60 * 1000)
    expect((await post({ a: 2 }, 'key-1')).status).toBe(201)
    expect(runs()).toBe(2)
  })

  it.each([
    ['too long', 'k'.repeat(257), /at most 256/],
    ['blank', '   ', /empty/],
  ])('refuses a %s key with 400', async (_what, key, message) => {
    const { post, runs } = setup()
    expect(await errorOf(await post({}, key))).toMatchObject({ code: 'idempotency_key_error', message: expect.stringMatching(message) })
    expect(runs()).toBe(0)
  })
})
