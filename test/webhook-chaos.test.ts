import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api } from './helpers/api.js'
import { WebhookReceiver } from './helpers/webhook-receiver.js'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const open: { emulator: Emulator; receiver: WebhookReceiver }[] = []
afterEach(async () => {
  for (const { emulator, receiver } of open.splice(0)) {
    await emulator.close()
    await receiver.stop()
  }
})

/** An emulator (own seed) whose scenario sends source.created to a fresh receiver with these webhook_faults. */
async function world(faults: string, seed: number | string = 1, key = 'sk_test_webhook_chaos') {
  const receiver = await WebhookReceiver.start()
  const scenario = `name: webhook-chaos\nclock: manual\ndestinations:\n  - id: evtd_main\n    url: ${receiver.url}\n    secret: ${SECRET}\n    events: [source.created]\nwebhook_faults:\n${faults}`
  const emulator = await createEmulator({ seed, clock: 'manual', scenario })
  open.push({ emulator, receiver })
  const client = api(emulator.fetch, key)
  const createSources = async (n: number) => {
    const ids: string[] = []
    for (let i = 0; i < n; i++) ids.push((await client.post('/v2/sources', { type: 'website', website: { url: `https://s${i}.example.com` } })).body.id)
    await emulator.webhooksIdle()
    return ids
  }
  const advance = async (by: string) => {
    await emulator.clock.advance(by, key)
    await emulator.webhooksIdle()
  }
  const journal = async () => (await client.get('/_emulator/deliveries')).body.data as any[]
  return { emulator, receiver, client, createSources, advance, journal }
}

const sourceOf = (body: string) => (JSON.parse(body) as { data: { id: string } }).data.id

describe('webhook chaos', () => {
  it('a duplicate burst delivers the same signed message N times, each verifying', async () => {
    const w = await world('  - match: { type: source.created }\n    duplicate: 4\n')
    await w.createSources(1)
    expect(w.receiver.received).toHaveLength(4)
    const [first, ...rest] = w.receiver.received
    for (const copy of rest) {
      expect(copy.body).toBe(first!.body)
      for (const h of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) expect(copy.headers[h]).toBe(first!.headers[h])
    }
    for (const copy of w.receiver.received) expect(new Webhook(SECRET).verify(copy.body, copy.headers)).toMatchObject({ type: 'source.created' })
    expect((await w.journal()).map((r) => r.fault)).toEqual([1, 2, 3, 4].map((copy) => ({ copy, copies: 4 })))
  })

  it('probability faults the same events for the same seed, other ones for another', async () => {
    const duplicated = async (seed: number) => {
      const w = await world('  - match: { type: source.created }\n    duplicate: 3\n    probability: 0.3\n', seed)
      const ids = await w.createSources(30)
      const counts = new Map<string, number>()
      for (const r of w.receiver.received) counts.set(sourceOf(r.body), (counts.get(sourceOf(r.body)) ?? 0) + 1)
      expect([...counts.values()].every((n) => n === 1 || n === 3)).toBe(true)
      return ids.flatMap((id, i) => (counts.get(id) === 3 ? [i] : []))
    }
    const a = await duplicated(11)
    expect(a.length).toBeGreaterThan(2)
    expect(a.length).toBeLessThan(20)
    expect(await duplicated(11)).toEqual(a)
    expect(await duplicated(12)).not.toEqual(a)
  })

  it('a missed draw falls through to the next matching rule', async () => {
    const w = await world('  - match: { type: source.created }\n    drop: true\n    probability: 0.5\n  - match: { type: "*" }\n    duplicate: 2\n', 4)
    await w.createSources(10)
    const rows = await w.journal()
    const dropped = rows.filter((r) => r.fault?.drop).length
    const doubled = rows.filter((r) => r.fault?.copies === 2).length
    expect(dropped).toBeGreaterThan(0)
    expect(doubled).toBeGreaterThan(0)
    expect(dropped + doubled / 2).toBe(10)
  })

  it('delay jitter samples each event within the bounds on the tenant clock, copies of a burst together', async () => {
    const w = await world('  - match: { type: source.created }\n    delay: { uniform: [10s, 60s] }\n    duplicate: 2\n')
    await w.createSources(6)
    expect(w.receiver.received).toHaveLength(0)
    const rows = await w.journal()
    const delays = rows.map((r) => r.fault.delay_ms as number)
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(10_000)
      expect(d).toBeLessThanOrEqual(60_000)
    }
    for (let i = 0; i < rows.length; i += 2) expect(delays[i + 1]).toBe(delays[i]) // a burst is sampled once
    expect(new Set(delays).size).toBeGreaterThan(1)
    await w.advance('9s')
    expect(w.receiver.received).toHaveLength(0)
    await w.advance('51s')
    expect(w.receiver.received).toHaveLength(12)
  })

  it('a lognormal jitter is bounded by its max; bad distributions are refused', async () => {
    const w = await world('  - match: { type: source.created }\n    delay: { lognormal: { median: 5s, sigma: 3, max: 20s } }\n')
    await w.createSources(8)
    for (const row of await w.journal()) expect(row.fault.delay_ms).toBeLessThanOrEqual(20_000)
    for (const bad of ['delay: { uniform: [1s, 2d] }', 'delay: { normal: 5s }', 'probability: 2\n    drop: true']) {
      const res = await w.client.put('/_emulator/scenario', `name: bad\nwebhook_faults:\n  - match: { type: "*" }\n    ${bad}\n`, {
        'content-type': 'application/yaml',
      })
      expect(res.status, bad).toBe(400)
      expect(res.body.errors[0].message).toMatch(/webhook_faults\[0\]/)
    }
  })
})
