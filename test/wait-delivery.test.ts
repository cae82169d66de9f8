import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { WebhookReceiver } from './helpers/webhook-receiver.js'

describe('GET /_emulator/wait?delivery=TYPE', () => {
  it('answers with the delivery once a webhook of that type was delivered, 408 before', async () => {
    const receiver = await WebhookReceiver.start()
    const t = await setup()
    await t.client.post('/v2/event-destinations', { name: 'app', type: 'webhook', events: ['*'], webhook: { url: receiver.url } })
    const before = await t.client.get('/_emulator/wait?delivery=connection.connected&timeout=20ms')
    expect(before.status).toBe(408)
    expect(before.body.errors[0].message).toMatch(/no successful connection\.connected delivery yet/)
    const id = await t.connect(await t.source(), 'user_good')
    const res = await t.client.get('/_emulator/wait?delivery=connection.connected&timeout=5s')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ object: 'event_delivery', status: 'success', event_type: 'connection.connected' })
    expect(receiver.received.some((r) => JSON.parse(r.body).data.id === id)).toBe(true)
    await receiver.stop()
  })
})

describe('webhook attempt logs', () => {
  it('writes one line per attempt, with no secret in it', async () => {
    const lines: string[] = []
    const receiver = await WebhookReceiver.start((_r, n) => ({ status: n === 0 ? 503 : 200 }))
    const t = await setup({ log: (line) => lines.push(line) })
    const created = await t.client.post('/v2/event-destinations', {
      name: 'app',
      type: 'webhook',
      events: ['connection.connected'],
      webhook: { url: receiver.url },
    })
    await t.connect(await t.source(), 'user_good', 'hunter22')
    await t.emulator.webhooksIdle()
    await t.advance('10s')
    await t.emulator.webhooksIdle()
    const attempts = lines.filter((l) => l.includes('connection.connected →'))
    expect(attempts).toHaveLength(2)
    expect(attempts[0]).toMatch(/attempt 1: 503 .*retry at 00:00:10/)
    expect(attempts[1]).toMatch(/attempt 2: 200 .*delivered/)
    const all = lines.join('\n')
    expect(all).not.toContain(created.body.webhook.secret)
    expect(all).not.toContain('hunter22')
    await receiver.stop()
  })
})
