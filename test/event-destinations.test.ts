import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { WebhookReceiver } from './helpers/webhook-receiver.js'

let emulator: Emulator
let receiver: WebhookReceiver
beforeAll(async () => {
  emulator = await createEmulator({ clock: 'manual' })
  receiver = await WebhookReceiver.start()
})
afterAll(async () => {
  await emulator.close()
  await receiver.stop()
})

const client = () => api((input, init) => emulator.fetch(input, init), freshKey('dest'))
const body = (extra: Record<string, unknown> = {}) => ({
  name: 'Main',
  type: 'webhook',
  events: ['*'],
  webhook: { url: 'https://hooks.example.com/deck' },
  ...extra,
})
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

describe('event destinations', () => {
  it('creates an active destination with a generated secret shown only on create', async () => {
    const c = client()
    const created = await c.post('/v2/event-destinations', body())
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      object: 'event_destination',
      name: 'Main',
      status: 'active',
      type: 'webhook',
      events: ['*'],
      webhook: { url: 'https://hooks.example.com/deck', custom_headers: null },
    })
    expect(created.body.id).toMatch(/^evtd_[A-Za-z0-9]{16}$/)
    expect(created.body.webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    const got = await c.get(`/v2/event-destinations/${created.body.id}`)
    expect(got.status).toBe(200)
    expect(got.body.webhook).not.toHaveProperty('secret')
    const list = await c.get('/v2/event-destinations')
    expect(list.body.data).toHaveLength(1)
    expect(JSON.stringify(list.body)).not.toContain(created.body.webhook.secret)
  })

  it('keeps a given secret and takes custom headers as a JSON string or an object', async () => {
    const c = client()
    const a = await c.post(
      '/v2/event-destinations',
      body({ webhook: { url: 'https://h.example.com', secret: SECRET, custom_headers: '{"X-Team":"payments"}' } }),
    )
    expect(a.status).toBe(201)
    expect(a.body.webhook).toEqual({ url: 'https://h.example.com', secret: SECRET, custom_headers: '{"X-Team":"payments"}' })
    const b = await c.post('/v2/event-destinations', body({ webhook: { url: 'https://h.example.com', custom_headers: { 'X-Team': 'ops' } } }))
    expect(b.body.webhook.custom_headers).toBe('{"X-Team":"ops"}')
  })

  it.each([
    [{ name: undefined }, 'input_missing', 'name'],
    [{ events: undefined }, 'input_missing', 'events'],
    [{ events: [] }, 'input_invalid', 'events'],
    [{ events: ['*', 'connection.connected'] }, 'input_invalid', 'events'],
    [{ events: ['connection.connected', 'connection.nope'] }, 'input_invalid', 'events.1'],
    [{ type: 'aws_sqs' }, 'input_invalid', 'type'],
    [{ webhook: undefined }, 'input_missing', 'webhook'],
    [{ webhook: { url: 'ftp://x.example.com' } }, 'input_invalid', 'webhook.url'],
    [{ webhook: { url: 'https://x.example.com', secret: 'hunter2' } }, 'input_invalid', 'webhook.secret'],
    [{ webhook: { url: 'https://x.example.com', custom_headers: '{"webhook-id":"x"}' } }, 'input_invalid', 'webhook.custom_headers'],
    [{ webhook: { url: 'https://x.example.com', custom_headers: { 'Content-Type': 'text/plain' } } }, 'input_invalid', 'webhook.custom_headers'],
    [{ webhook: { url: 'https://x.example.com', custom_headers: { host: 'evil' } } }, 'input_invalid', 'webhook.custom_headers'],
    [{ webhook: { url: 'https://x.example.com', custom_headers: '{not json' } }, 'input_invalid', 'webhook.custom_headers'],
  ])('rejects %j with %s on %s', async (extra, code, field) => {
    const res = await client().post('/v2/event-destinations', body(extra))
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ type: 'request', code, field })
  })

  it('lists with a status filter, patches, deletes', async () => {
    const c = client()
    const one = (await c.post('/v2/event-destinations', body({ name: 'one' }))).body
    const two = (await c.post('/v2/event-destinations', body({ name: 'two' }))).body
    const patched = await c.patch(`/v2/event-destinations/${two.id}`, {
      status: 'inactive',
      name: 'Two',
      events: ['connection.connected'],
      webhook: { custom_headers: { 'X-A': 'b' } },
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      name: 'Two',
      status: 'inactive',
      events: ['connection.connected'],
      webhook: { url: 'https://hooks.example.com/deck', custom_headers: '{"X-A":"b"}' },
    })
    expect(patched.body.webhook).not.toHaveProperty('secret')
    expect((await c.get('/v2/event-destinations?status=inactive')).body.data.map((d: any) => d.id)).toEqual([two.id])
    expect((await c.get('/v2/event-destinations?status=active')).body.data.map((d: any) => d.id)).toEqual([one.id])
    expect((await c.get('/v2/event-destinations?status=bogus')).body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'status' })
    expect((await c.patch(`/v2/event-destinations/${two.id}`, { events: [] })).body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'events' })
    expect((await c.patch(`/v2/event-destinations/${two.id}`, { webhook: { custom_headers: null } })).body.webhook.custom_headers).toBeNull()
    const deleted = await c.delete(`/v2/event-destinations/${one.id}`)
    expect(deleted.body).toMatchObject({ id: one.id, object: 'event_destination', deleted: true })
    expect((await c.get(`/v2/event-destinations/${one.id}`)).body.errors[0].code).toBe('event_destination_not_found')
    expect((await c.get(`/v2/event-destinations/${one.id}/event-deliveries`)).status).toBe(404)
  })

  it('rotate-secret: both secrets sign for 24 h of emulator time, then only the new one', async () => {
    const key = freshKey('rotate')
    const c = api((input, init) => emulator.fetch(input, init), key)
    const created = (await c.post('/v2/event-destinations', body({ events: ['source.created', 'source.updated'], webhook: { url: receiver.url } }))).body
    const rotated = await c.post(`/v2/event-destinations/${created.id}/rotate-secret`)
    expect(rotated.status).toBe(200)
    const [oldSecret, newSecret] = [created.webhook.secret, rotated.body.webhook.secret]
    expect(newSecret).not.toBe(oldSecret)
    expect((await c.get(`/v2/event-destinations/${created.id}`)).body.webhook).not.toHaveProperty('secret')

    const start = receiver.received.length
    const source = (await c.post('/v2/sources', { type: 'website', website: { url: 'https://a.example.com' } })).body.id
    await emulator.webhooksIdle()
    const during = receiver.received[start]!
    expect(during.headers['webhook-signature']!.split(' ')).toHaveLength(2)
    for (const secret of [oldSecret, newSecret]) expect(new Webhook(secret).verify(during.body, during.headers)).toMatchObject({ type: 'source.created' })

    await emulator.clock.advance('24h', key)
    await c.patch(`/v2/sources/${source}`, { name: 'later' })
    await emulator.webhooksIdle()
    const after = receiver.received[start + 1]!
    expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(1)
    expect(new Webhook(newSecret).verify(after.body, after.headers)).toMatchObject({ type: 'source.updated' })
    expect(() => new Webhook(oldSecret).verify(after.body, after.headers)).toThrow()
  })

  it('refuses an 11th rotation while 10 old secrets still sign', async () => {
    const c = client()
    const id = (await c.post('/v2/event-destinations', body())).body.id
    for (let i = 0; i < 10; i++) expect((await c.post(`/v2/event-destinations/${id}/rotate-secret`)).status).toBe(200)
    const refused = await c.post(`/v2/event-destinations/${id}/rotate-secret`)
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].code).toBe('rotation_limit_reached')
  })

  it('unknown destinations are 404 on every route', async () => {
    const c = client()
    for (const res of [
      await c.get('/v2/event-destinations/evtd_nope'),
      await c.patch('/v2/event-destinations/evtd_nope', { name: 'x' }),
      await c.delete('/v2/event-destinations/evtd_nope'),
      await c.post('/v2/event-destinations/evtd_nope/rotate-secret'),
      await c.get('/v2/event-destinations/evtd_nope/event-deliveries'),
    ]) {
      expect(res.status).toBe(404)
      expect(res.body.errors[0].code).toBe('event_destination_not_found')
    }
  })
})
