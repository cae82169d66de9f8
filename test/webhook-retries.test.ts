import { Webhook } from 'standardwebhooks'
import { describe, expect, it, onTestFinished } from 'vitest'
import { createEmulator } from '../src/index.js'
import { useWebhookEmulator, webhookTenant } from './helpers/webhooks.js'

const w = useWebhookEmulator()
const receiver = w.receiver

describe('failures and retries (tenant clock)', () => {
  it('500, 500, then 200: retried after 10 s and 60 s with the same webhook-id and body, delivered once', async () => {
    const r = await receiver((_, n) => ({ status: n < 2 ? 500 : 200 }))
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    await t.source()
    expect(r.received).toHaveLength(1)
    await t.advance('9s')
    expect(r.received).toHaveLength(1)
    await t.advance('1s')
    expect(r.received).toHaveLength(2)
    await t.advance('59s')
    expect(r.received).toHaveLength(2)
    await t.advance('1s')
    expect(r.received).toHaveLength(3)
    await t.advance('1h')
    expect(r.received).toHaveLength(3)
    expect(new Set(r.received.map((x) => x.headers['webhook-id'])).size).toBe(1)
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1)
    for (const x of r.received) expect(new Webhook(dest.webhook.secret).verify(x.body, x.headers)).toBeTruthy()
    const [delivery] = await t.deliveries(dest.id)
    expect(delivery.status).toBe('success')
    expect(delivery.attempts.map((a: any) => [a.status_code, a.error])).toEqual([
      [500, 'receiver answered 500'],
      [500, 'receiver answered 500'],
      [200, null],
    ])
    expect(delivery.attempts.map((a: any) => a.at)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:10.000Z', '2026-01-01T00:01:10.000Z'])
    expect(await t.destinationStatus(dest.id)).toBe('active')
  })

  it('exhausts 1 + 3 attempts (10 s, 60 s, 5 min), then the destination is inactive and new events are skipped', async () => {
    let status = 503
    const r = await receiver(() => ({ status }))
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    await t.source()
    for (const step of ['10s', '60s', '5m']) await t.advance(step)
    expect(r.received).toHaveLength(4)
    await t.advance('1h')
    expect(r.received).toHaveLength(4)
    expect(await t.destinationStatus(dest.id)).toBe('inactive')
    const [failed] = await t.deliveries(dest.id, '?status=failure')
    expect(failed.attempts).toHaveLength(4)
    expect(failed.attempts.every((a: any) => a.status_code === 503 && typeof a.duration_ms === 'number')).toBe(true)

    await t.source('Second')
    expect(r.received).toHaveLength(4)
    expect(await t.deliveries(dest.id, '?status=skipped')).toHaveLength(1)

    // Manual replay after fixing the receiver: reactivate, then resend.
    status = 200
    const refused = await t.client.post(`/v2/events/${failed.event_id}/resend`, { event_destination_id: dest.id })
    expect(refused.status).toBe(409)
    await t.client.patch(`/v2/event-destinations/${dest.id}`, { status: 'active' })
    const resent = await t.client.post(`/v2/events/${failed.event_id}/resend`, { event_destination_id: dest.id })
    expect(resent.status).toBe(200)
    expect(resent.body.data).toHaveLength(1)
    await w.emulator.webhooksIdle()
    expect(r.received).toHaveLength(5)
    expect(r.received[4]!.headers['webhook-id']).toBe(failed.event_id)
    expect((await t.deliveries(dest.id, '?status=success'))[0].id).toBe(resent.body.data[0].id)
  })

  it('one long clock advance plays the whole retry schedule', async () => {
    const r = await receiver(() => ({ status: 500 }))
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    await t.source()
    await t.advance('1h')
    expect(r.received).toHaveLength(4)
    const [delivery] = await t.deliveries(dest.id)
    expect(delivery.attempts.map((a: any) => a.at)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:10.000Z',
      '2026-01-01T00:01:10.000Z',
      '2026-01-01T00:06:10.000Z',
    ])
    expect(await t.destinationStatus(dest.id)).toBe('inactive')
  })

  it('410 Gone deactivates the destination at once: no retries', async () => {
    const r = await receiver(() => ({ status: 410 }))
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    await t.source()
    expect(await t.destinationStatus(dest.id)).toBe('inactive')
    await t.advance('1h')
    expect(r.received).toHaveLength(1)
    const [delivery] = await t.deliveries(dest.id)
    expect(delivery).toMatchObject({ status: 'failure', attempts: [{ status_code: 410 }] })
  })

  it('redirects are failures and never followed', async () => {
    const target = await receiver()
    const r = await receiver(() => ({ status: 302, headers: { location: target.url } }))
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    await t.source()
    await t.advance('10s')
    expect(r.received).toHaveLength(2)
    expect(target.received).toHaveLength(0)
    const [delivery] = await t.deliveries(dest.id)
    expect(delivery.status).toBe('pending')
    expect(delivery.attempts[0]).toMatchObject({ status_code: 302, error: `redirect 302 to ${target.url} not followed` })
  })

  it('a receiver slower than the timeout is a failed attempt, then retried', async () => {
    // A short timeout keeps this test fast (the 5 s default is tested in webhook-delivery.test.ts).
    const emulator = await createEmulator({ clock: 'manual', webhooks: { timeout: 300 } })
    onTestFinished(() => emulator.close())
    const r = await receiver((_, n) => ({ status: 200, delayMs: n === 0 ? 1500 : 0 }))
    const t = webhookTenant(emulator)
    const dest = await t.destination(r.url)
    await t.source()
    let [delivery] = await t.deliveries(dest.id)
    expect(delivery.attempts[0]).toMatchObject({ status_code: null, error: 'timeout: no response within 300 ms' })
    expect(delivery.attempts[0].duration_ms).toBeGreaterThanOrEqual(290)
    expect(delivery.attempts[0].duration_ms).toBeLessThan(1500)
    await t.advance('10s')
    ;[delivery] = await t.deliveries(dest.id)
    expect(delivery.status).toBe('success')
    expect(r.received).toHaveLength(2)
  })

  it('a refused connection is a failed attempt', async () => {
    const r = await receiver()
    await r.stop()
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    await t.source()
    const [delivery] = await t.deliveries(dest.id)
    expect(delivery.attempts[0]).toMatchObject({ status_code: null, error: 'connection refused (ECONNREFUSED)' })
  })

  it('receiver down for a while, then back: every event arrives, and created_at orders them', async () => {
    const r = await receiver()
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    await r.stop()
    const source = await t.source()
    for (let i = 0; i < 5; i++) {
      await t.advance('1s')
      await t.client.patch(`/v2/sources/${source}`, { name: `name ${i}` })
    }
    await w.emulator.webhooksIdle()
    expect(await t.deliveries(dest.id, '?status=pending&limit=100')).toHaveLength(6)
    await t.advance('1m') // every event's first retry fails too: still down
    await r.listen()
    await t.advance('5m')
    const events = r.events()
    expect(events).toHaveLength(6)
    for (const x of r.received) expect(new Webhook(dest.webhook.secret).verify(x.body, x.headers)).toBeTruthy()
    const names = [...events].sort((a, b) => a.created_at.localeCompare(b.created_at)).map((e) => e.data.name)
    expect(names).toEqual(['Bank', 'name 0', 'name 1', 'name 2', 'name 3', 'name 4'])
    expect(await t.deliveries(dest.id, '?status=success&limit=100')).toHaveLength(6)
    expect(await t.destinationStatus(dest.id)).toBe('active')
  })

  it('outage across retry rounds with 30 connections: nothing lost, each state sequence rebuilt from created_at', async () => {
    const r = await receiver()
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url, { events: ['connection.connecting', 'connection.connected', 'connection.terminated'] })
    await r.stop()
    const source = await t.source()
    const ids: string[] = []
    for (let i = 0; i < 30; i++) {
      // user_slow connects 5 s after connecting, so every state change has its own created_at.
      const res = await t.client.post('/v2/connections', {
        source_id: source,
        auth_method: 'username_password',
        auth_credentials: { username: 'user_slow', password: 'pw' },
      })
      ids.push(res.body.id)
      await t.advance('1s')
    }
    await t.advance('10s')
    for (const id of ids.filter((_, i) => i % 2 === 0)) await t.client.post(`/v2/connections/${id}/disconnect`)
    await w.emulator.webhooksIdle()
    await t.advance('61s') // the first retry of every event fails too: still down
    expect(r.received).toHaveLength(0)
    await r.listen()
    await t.advance('5m')
    // At-least-once: a receiver dedupes on webhook-id (= event id), then orders by created_at.
    const events = [...new Map(r.events().map((e) => [e.id, e])).values()]
    expect(events).toHaveLength(75)
    expect(await t.deliveries(dest.id, '?status=failure')).toEqual([])
    for (const [i, id] of ids.entries()) {
      const sequence = events.filter((e) => e.data.id === id).sort((a, b) => a.created_at.localeCompare(b.created_at))
      expect(sequence.map((e) => e.data.status)).toEqual(i % 2 === 0 ? ['connecting', 'connected', 'terminated'] : ['connecting', 'connected'])
    }
  })

  it('deleting a destination stops its pending retries', async () => {
    const r = await receiver(() => ({ status: 500 }))
    const t = webhookTenant(w.emulator)
    const dest = await t.destination(r.url)
    await t.source()
    await t.client.delete(`/v2/event-destinations/${dest.id}`)
    await t.advance('10m')
    expect(r.received).toHaveLength(1)
  })
})
