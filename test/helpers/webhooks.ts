import { afterAll, afterEach, beforeAll } from 'vitest'
import { createEmulator, type Emulator } from '../../src/index.js'
import { WebhookReceiver } from './webhook-receiver.js'
import { api, freshKey } from './api.js'

/** A fresh tenant on `emulator` with shortcuts for destinations, sources and deliveries. */
export function webhookTenant(emulator: Emulator, label = 'wh') {
  const key = freshKey(label)
  const client = api((input, init) => emulator.fetch(input, init), key)
  return {
    key,
    client,
    advance: async (by: string) => {
      await emulator.clock.advance(by, key)
      await emulator.webhooksIdle()
    },
    async destination(url: string, extra: Record<string, unknown> = {}) {
      const res = await client.post('/v2/event-destinations', { name: 'Receiver', events: ['*'], webhook: { url }, ...extra })
      if (res.status !== 201) throw new Error(`destination create failed: ${JSON.stringify(res.body)}`)
      return res.body as { id: string; webhook: { secret: string } }
    },
    /** Creates a source (one `source.created` event) and waits until its deliveries have been attempted. */
    async source(name = 'Bank') {
      const res = await client.post('/v2/sources', { type: 'website', name, website: { url: 'https://bank.example.com' } })
      await emulator.webhooksIdle()
      return res.body.id as string
    },
    async deliveries(destinationId: string, query = '') {
      return (await client.get(`/v2/event-destinations/${destinationId}/event-deliveries${query}`)).body.data as any[]
    },
    async destinationStatus(destinationId: string) {
      return (await client.get(`/v2/event-destinations/${destinationId}`)).body.status as string
    },
  }
}

/**
 * One manual-clock emulator for a test file, plus receivers that are stopped
 * after each test: `const w = useWebhookEmulator(); … await w.receiver()`.
 */
export function useWebhookEmulator() {
  const state = { emulator: undefined as unknown as Emulator }
  const receivers: WebhookReceiver[] = []
  beforeAll(async () => {
    state.emulator = await createEmulator({ clock: 'manual' })
  })
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.stop()))
  })
  afterAll(() => state.emulator.close())
  return {
    get emulator() {
      return state.emulator
    },
    async receiver(respond?: ConstructorParameters<typeof WebhookReceiver>[0]) {
      const r = await WebhookReceiver.start(respond)
      receivers.push(r)
      return r
    },
  }
}
