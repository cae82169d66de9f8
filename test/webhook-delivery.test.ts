import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { findDelivered } from '../src/webhooks/queries.js'
import { useWebhookEmulator, webhookTenant } from './helpers/webhooks.js'

const w = useWebhookEmulator()
const receiver = w.receiver

describe('Standard Webhooks delivery', () => {
  it('POSTs each event as signed JSON that the standardwebhooks library verifies', async () => {
    const r = await receiver()
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url, { webhook: { url: r.url, custom_headers: '{"X-Team":"payments"}' } })
    const source = await t.source()
    await t.client.post('/v2/connections', {
      source_id: source,
      auth_method: 'username_password',
      auth_credentials: { username: 'user_good', password: 'pw' },
      external_id: 'u_1',
    })
    await w.emulator.webhooksIdle()
    expect(r.received.map((x) => JSON.parse(x.body).type).sort()).toEqual(['connection.connected', 'connection.connecting', 'source.created'])
    const verifier = new Webhook(dest.webhook.secret)
    for (const request of r.received) {
      const payload = verifier.verify(request.body, request.headers) as any
      expect(request.headers['webhook-id']).toBe(payload.id)
      expect(request.headers['content-type']).toBe('application/json')
      expect(request.headers['x-team']).toBe('payments')
      expect(request.headers['webhook-timestamp']).toMatch(/^\d{10}$/)
      const { request_id: _, ...stored } = (await t.client.get(`/v2/events/${payload.id}`)).body
      expect(payload).toEqual(stored)
    }
    const connected = r.events().find((e) => e.type === 'connection.connected')!
    expect(connected.data).toMatchObject({ object: 'connection', status: 'connected', external_id: 'u_1' })
    // What the control plane's wait?delivery=TYPE polls.
    expect(findDelivered(w.emulator.tenants.get(t.key), 'connection.connected')).toMatchObject({ status: 'success', event_id: connected.id })
    expect(findDelivered(w.emulator.tenants.get(t.key), 'connection.invalid')).toBeUndefined()
    const deliveries = await t.deliveries(dest.id)
    expect(deliveries).toHaveLength(3)
    expect(deliveries.every((d) => d.status === 'success' && d.attempts.length === 1 && d.attempts[0].status_code === 200 && d.delivered_at)).toBe(true)
    expect(deliveries[0].id).toMatch(/^edlv_/)
  })

  it('uses wall-clock webhook-timestamp even when the tenant clock is years ahead', async () => {
    const r = await receiver()
    const t = webhookTenant(w.emulator)
    await w.emulator.clock.set('manual', t.key, '2031-06-01T00:00:00.000Z')
    const dest = await t.destination(r.url)
    await t.source()
    const [request] = await r.waitForCount(1)
    expect(Math.abs(Number(request!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5)
    expect(new Webhook(dest.webhook.secret).verify(request!.body, request!.headers)).toMatchObject({ created_at: '2031-06-01T00:00:00.000Z' })
  })

  it('only sends the event types a destination subscribes to', async () => {
    const r = await receiver()
    const t = webhookTenant(w.emulator)
    await t.destination(r.url, { events: ['source.updated'] })
    const source = await t.source()
    await t.client.patch(`/v2/sources/${source}`, { name: 'x' })
    await w.emulator.webhooksIdle()
    expect(r.events().map((e) => e.type)).toEqual(['source.updated'])
  })
})

describe('isolation and the 5 s default', () => {
  it('a receiver that never answers does not delay delivery to another destination', async () => {
    const slowEmulator = await createEmulator({ clock: 'manual' })
    try {
      const dead = await receiver(() => ({ hang: true }))
      const healthy = await receiver()
      const t = webhookTenant(slowEmulator)
      await t.destination(dead.url)
      await t.destination(healthy.url)
      const started = Date.now()
      await t.client.post('/v2/sources', { type: 'website', website: { url: 'https://a.example.com' } })
      await healthy.waitForCount(1)
      expect(Date.now() - started).toBeLessThan(1000)
      expect(dead.received).toHaveLength(1) // …and it is still waiting for an answer
      await dead.stop()
      await slowEmulator.webhooksIdle()
    } finally {
      await slowEmulator.close()
    }
  })

  it('an answer within 5 s counts as delivered', async () => {
    const defaultEmulator = await createEmulator({ clock: 'manual' })
    try {
      const r = await receiver(() => ({ status: 204, delayMs: 1200 }))
      const t = webhookTenant(defaultEmulator)
      const dest = await t.destination(r.url)
      await t.client.post('/v2/sources', { type: 'website', website: { url: 'https://a.example.com' } })
      await defaultEmulator.webhooksIdle()
      const [delivery] = await t.deliveries(dest.id)
      expect(delivery).toMatchObject({ status: 'success', attempts: [{ status_code: 204, error: null }] })
      expect(delivery.attempts[0].duration_ms).toBeGreaterThanOrEqual(1150)
    } finally {
      await defaultEmulator.close()
    }
  })
})

describe('in-process delivery', () => {
  it('webhooks.fetch receives each POST instead of the network (for adapters such as msw)', async () => {
    const requests: Request[] = []
    const local = await createEmulator({
      clock: 'manual',
      webhooks: { fetch: async (input, init) => (requests.push(new Request(input, init)), new Response(null, { status: 204 })) },
    })
    try {
      const t = webhookTenant(local)
      const dest = await t.destination('https://app.example.com/webhooks/deck')
      await t.source()
      expect(requests).toHaveLength(1)
      const request = requests[0]!
      expect(request.url).toBe('https://app.example.com/webhooks/deck')
      const body = await request.text()
      expect(new Webhook(dest.webhook.secret).verify(body, Object.fromEntries(request.headers))).toMatchObject({ type: 'source.created' })
      expect((await t.deliveries(dest.id))[0].status).toBe('success')
    } finally {
      await local.close()
    }
  })
})

describe('deliveries: list filters, resend, control-plane journal', () => {
  it('filters deliveries by status and type; resend creates a new delivery with the same webhook-id', async () => {
    const r = await receiver()
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    const source = await t.source()
    await t.client.patch(`/v2/sources/${source}`, { name: 'y' })
    await w.emulator.webhooksIdle()
    expect((await t.deliveries(dest.id, '?type=source.updated')).map((d) => d.event_type)).toEqual(['source.updated'])
    expect(await t.deliveries(dest.id, '?status=failure')).toEqual([])
    expect((await t.client.get(`/v2/event-destinations/${dest.id}/event-deliveries?status=nope`)).body.errors[0].field).toBe('status')
    const [created] = (await t.client.get('/v2/events?type=source.created')).body.data
    const resent = await t.client.post(`/v2/events/${created.id}/resend`)
    expect(resent.body.data.map((d: any) => d.event_destination_id)).toEqual([dest.id])
    await w.emulator.webhooksIdle()
    expect(r.received.filter((x) => x.headers['webhook-id'] === created.id)).toHaveLength(2)
    expect((await t.client.post('/v2/events/evt_nope/resend')).body.errors[0].code).toBe('event_not_found')
  })

  it('GET /_emulator/deliveries shows every attempt with its headers and never a secret', async () => {
    const r = await receiver((_, n) => ({ status: n === 0 ? 500 : 200 }))
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    await t.source()
    await t.advance('10s')
    const journal = await t.client.get('/_emulator/deliveries')
    expect(journal.status).toBe(200)
    expect(journal.body.data.map((a: any) => [a.attempt, a.status_code])).toEqual([
      [1, 500],
      [2, 200],
    ])
    expect(journal.body.data[0]).toMatchObject({
      event_type: 'source.created',
      event_destination_id: dest.id,
      url: r.url,
      headers: { 'webhook-id': r.received[0]!.headers['webhook-id'], 'webhook-signature': r.received[0]!.headers['webhook-signature'] },
    })
    expect(JSON.stringify(journal.body)).not.toContain(dest.webhook.secret.slice(6))
    expect((await t.client.get(`/_emulator/deliveries?event_type=connection.connected`)).body.data).toEqual([])
  })
})
