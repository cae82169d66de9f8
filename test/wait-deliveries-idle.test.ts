import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { WebhookReceiver } from './helpers/webhook-receiver.js'

describe('GET /_emulator/wait?deliveries=idle', () => {
  it('holds only once nothing is pending or waiting for a retry; says what is left when it times out', async () => {
    const receiver = await WebhookReceiver.start((_r, n) => ({ status: n === 0 ? 503 : 200 }))
    const t = await setup()
    try {
      expect((await t.client.get('/_emulator/wait?deliveries=idle&timeout=1s')).body).toMatchObject({ deliveries: 'idle', success: 0, failure: 0, skipped: 0 })
      await t.client.post('/v2/event-destinations', { name: 'app', type: 'webhook', events: ['connection.connected'], webhook: { url: receiver.url } })
      await t.connect(await t.source(), 'user_good')
      await t.emulator.webhooksIdle() // attempt 1 answered 503: a retry waits for the (manual) clock
      const retrying = await t.client.get('/_emulator/wait?deliveries=idle&timeout=20ms')
      expect(retrying.status).toBe(408)
      expect(retrying.body.errors[0].message).toMatch(/1 delivery is pending \(1 waiting for a retry, the next at 2026-01-01T00:00:10\.000Z/)
      await t.advance('10s')
      const idle = await t.client.get('/_emulator/wait?deliveries=idle&timeout=5s')
      expect(idle.status).toBe(200)
      expect(idle.body).toMatchObject({ deliveries: 'idle', success: 1, failure: 0 })
    } finally {
      await receiver.stop()
      await t.emulator.close()
    }
  })

  it('refuses any other value at once', async () => {
    const t = await setup()
    const res = await t.client.get('/_emulator/wait?deliveries=busy')
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'deliveries' })
    await t.emulator.close()
  })
})
