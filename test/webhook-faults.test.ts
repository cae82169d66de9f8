import { createHmac } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { WebhookReceiver } from './helpers/webhook-receiver.js'
import { webhookTenant } from './helpers/webhooks.js'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
let emulator: Emulator
let r: WebhookReceiver
beforeAll(async () => {
  emulator = await createEmulator({ clock: 'manual' })
})
afterEach(() => r?.stop())
afterAll(() => emulator.close())

/** A tenant whose scenario sends every event to a fresh receiver, with these delivery faults. */
async function faulted(faults: string) {
  r = await WebhookReceiver.start()
  const t = webhookTenant(emulator, 'faults')
  const yaml = `name: faults\nclock: manual\ndestinations:\n  - id: evtd_main\n    url: ${r.url}\n    secret: ${SECRET}\n    events: [connection.connecting, connection.connected]\nwebhook_faults:\n${faults}`
  const loaded = await t.client.put('/_emulator/scenario', yaml, { 'content-type': 'application/yaml' })
  if (loaded.status !== 200) throw new Error(JSON.stringify(loaded.body))
  const source = (await t.client.post('/v2/sources', { type: 'website', website: { url: 'https://bank.example.com' } })).body.id as string
  const connect = async (username = 'user_good') => {
    await t.client.post('/v2/connections', { source_id: source, auth_method: 'username_password', auth_credentials: { username, password: 'pw' } })
    await emulator.webhooksIdle()
  }
  return { ...t, connect }
}

const verify = (request: { body: string; headers: Record<string, string> }) => new Webhook(SECRET).verify(request.body, request.headers)

describe('webhook_faults from the scenario', () => {
  it('duplicate: N sends the event N times with one webhook-id, each validly signed', async () => {
    const t = await faulted('  - match: { type: connection.connected }\n    duplicate: 3\n')
    await t.connect()
    const connected = r.received.filter((x) => JSON.parse(x.body).type === 'connection.connected')
    expect(connected).toHaveLength(3)
    expect(new Set(connected.map((x) => x.headers['webhook-id'])).size).toBe(1)
    for (const x of connected) expect(verify(x)).toMatchObject({ type: 'connection.connected' })
    expect(await t.deliveries('evtd_main', '?type=connection.connected')).toHaveLength(3)
  })

  it('delay postpones delivery on the tenant clock, so events arrive out of order; created_at restores it', async () => {
    const t = await faulted('  - match: { type: connection.connecting }\n    delay: 30s\n')
    await t.connect('user_slow') // connecting now, connected 5 s later
    expect(r.received).toHaveLength(0)
    await t.advance('5s')
    expect(r.events().map((e) => e.type)).toEqual(['connection.connected'])
    await t.advance('25s')
    const events = r.events()
    expect(events.map((e) => e.type)).toEqual(['connection.connected', 'connection.connecting'])
    expect([...events].sort((a, b) => a.created_at.localeCompare(b.created_at)).map((e) => e.type)).toEqual(['connection.connecting', 'connection.connected'])
  })

  it('drop never sends the event; the delivery is recorded as skipped', async () => {
    const t = await faulted('  - match: { type: connection.connecting }\n    drop: true\n')
    await t.connect()
    await t.advance('1h')
    expect(r.events().map((e) => e.type)).toEqual(['connection.connected'])
    const [skipped] = await t.deliveries('evtd_main', '?status=skipped')
    expect(skipped).toMatchObject({ event_type: 'connection.connecting', attempts: [] })
  })

  it('bad_signature sends a well-formed signature that does not verify', async () => {
    const t = await faulted('  - match: { type: "*" }\n    bad_signature: true\n')
    await t.connect()
    expect(r.received).toHaveLength(2)
    for (const x of r.received) {
      expect(x.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/)
      expect(() => verify(x)).toThrow(/signature/i)
    }
    // The receiver said 200, so as far as delivery goes these succeeded.
    expect(await t.deliveries('evtd_main', '?status=success')).toHaveLength(2)
  })

  it('stale_timestamp sets webhook-timestamp back, signed correctly, so only the age check rejects it', async () => {
    const t = await faulted('  - match: { type: connection.connected }\n    stale_timestamp: 10m\n')
    await t.connect()
    const stale = r.received.find((x) => JSON.parse(x.body).type === 'connection.connected')!
    const ts = Number(stale.headers['webhook-timestamp'])
    expect(Math.abs(ts - (Date.now() / 1000 - 600))).toBeLessThan(5)
    const expected = createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64'))
      .update(`${stale.headers['webhook-id']}.${ts}.${stale.body}`)
      .digest('base64')
    expect(stale.headers['webhook-signature']).toBe(`v1,${expected}`)
    expect(() => verify(stale)).toThrow(/too old/i)
    const fresh = r.received.find((x) => JSON.parse(x.body).type === 'connection.connecting')!
    expect(verify(fresh)).toBeTruthy()
  })

  it('resend is never faulted', async () => {
    const t = await faulted('  - match: { type: connection.connected }\n    bad_signature: true\n')
    await t.connect()
    const [event] = (await t.client.get('/v2/events?type=connection.connected')).body.data
    await t.client.post(`/v2/events/${event.id}/resend`)
    await emulator.webhooksIdle()
    expect(verify(r.received.at(-1)!)).toMatchObject({ id: event.id })
  })
})

describe('scenario destinations and faults: validation and seeding', () => {
  it.each([
    ['webhook_faults:\n  - match: { type: connection.conected }\n    drop: true\n', 'webhook_faults[0].match.type'],
    ['webhook_faults:\n  - match: { type: connection.connected }\n', 'expected one of duplicate'],
    ['webhook_faults:\n  - match: { type: "*" }\n    drop: true\n    delay: 5s\n', 'drop cannot be combined with delay'],
    ['webhook_faults:\n  - match: { type: "*" }\n    duplicate: 1\n', 'duplicate is how many times'],
    ['webhook_faults:\n  - match: { type: "*" }\n    delay: soon\n', 'expected a duration'],
    ['destinations:\n  - url: not-a-url\n', 'destinations[0].url'],
    ['destinations:\n  - url: http://127.0.0.1:1/x\n    secret: hunter2\n', 'destinations[0].secret'],
    ['destinations:\n  - url: http://127.0.0.1:1/x\n    events: [connection.nope]\n', 'destinations[0].events[0]'],
    ['destinations:\n  - url: http://127.0.0.1:1/x\n    custom_headers: { webhook-id: x }\n', 'destinations[0].custom_headers'],
  ])('rejects %j naming %s', async (yaml, expected) => {
    const t = webhookTenant(emulator)
    const res = await t.client.put('/_emulator/scenario', `name: bad\n${yaml}`, { 'content-type': 'application/yaml' })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toContain(expected)
  })

  it('seeds scenario destinations (fixed id, seeded secret) and keeps them across reset', async () => {
    r = await WebhookReceiver.start()
    const scenario = { name: 'with-destination', destinations: [{ id: 'evtd_main', url: r.url, events: ['source.created'] }] }
    const local = await createEmulator({ clock: 'manual', scenario })
    try {
      const t = webhookTenant(local)
      expect((await t.client.get('/v2/event-destinations/evtd_main')).body).toMatchObject({
        id: 'evtd_main',
        status: 'active',
        events: ['source.created'],
        webhook: { url: r.url },
      })
      const secret = local.destinations[0]!.secret
      expect(secret).toMatch(/^whsec_/)
      await t.source()
      expect(new Webhook(secret).verify(r.received[0]!.body, r.received[0]!.headers)).toMatchObject({ type: 'source.created' })
      await t.client.post('/_emulator/reset')
      expect((await t.client.get('/v2/event-destinations/evtd_main')).status).toBe(200)
      // Another tenant gets the same destination with the same secret: one receiver verifies them all.
      const other = webhookTenant(local)
      await other.source()
      expect(new Webhook(secret).verify(r.received[1]!.body, r.received[1]!.headers)).toBeTruthy()
    } finally {
      await local.close()
    }
  })

  it('webhooks.destinations (the CLI --webhook) adds a destination to every tenant', async () => {
    r = await WebhookReceiver.start()
    const local = await createEmulator({ clock: 'manual', webhooks: { destinations: [r.url] } })
    try {
      expect(local.scenario).toBeNull()
      expect(local.destinations).toEqual([{ url: r.url, events: ['*'], secret: expect.stringMatching(/^whsec_/) }])
      await webhookTenant(local).source()
      expect(new Webhook(local.destinations[0]!.secret).verify(r.received[0]!.body, r.received[0]!.headers)).toMatchObject({ type: 'source.created' })
    } finally {
      await local.close()
    }
  })

  it('a scenario can shorten the retry schedule (webhook_retries)', async () => {
    const t = webhookTenant(emulator)
    await t.client.put(
      '/_emulator/scenario',
      `name: retries\nclock: manual\nwebhook_retries: [1s, 2s]\ndestinations:\n  - id: evtd_main\n    url: http://127.0.0.1:1/refused\n`,
      { 'content-type': 'application/yaml' },
    )
    await t.source()
    await t.advance('3s')
    const [delivery] = await t.deliveries('evtd_main')
    expect(delivery.attempts.map((a: any) => a.at)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:03.000Z'])
    expect(delivery.status).toBe('failure')
  })
})
