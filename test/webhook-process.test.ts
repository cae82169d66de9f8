import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { freePort, startCli, startVerifyingReceiver, type Child } from './helpers/processes.js'
import { WebhookReceiver } from './helpers/webhook-receiver.js'
import { waitFor } from './helpers/wait.js'

/**
 * The emulator and the receiver each in their own process, as integrators
 * run them: signatures are checked by the unmodified standardwebhooks
 * library in the receiver; the emulator is killed with SIGKILL mid-delivery.
 */
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const children: Child[] = []
const track = <T extends Child>(child: T) => (children.push(child), child)
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deck-emulator-webhooks-'))
})
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill('SIGKILL')))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const httpClient = (url: string, key = freshKey('proc')) => api((path, init) => fetch(url + path, init), key)

/** One source and `connections` connections (each connecting → connected): 1 + 2n events. Returns their ids. */
async function makeEvents(client: ReturnType<typeof httpClient>, connections = 1) {
  const source = (await client.post('/v2/sources', { type: 'website', website: { url: 'https://bank.example.com' } })).body.id
  for (let i = 0; i < connections; i++) {
    await client.post('/v2/connections', { source_id: source, auth_method: 'username_password', auth_credentials: { username: 'user_good', password: 'pw' } })
  }
  return ((await client.get('/v2/events?limit=100')).body.data as { id: string }[]).map((e) => e.id).sort()
}

describe('webhooks across processes', () => {
  it('CLI --webhook prints the secret; a receiver process verifies every delivery with standardwebhooks', async () => {
    const receiver = track(await startVerifyingReceiver())
    const cli = track(await startCli(['--in-memory', '--clock', 'manual', '--webhook', receiver.url]))
    const [, printedUrl, secret] = await cli.line(/Webhook\s+(\S+)\s+events \*\s+secret (whsec_\S+)/)
    expect(printedUrl).toBe(receiver.url)
    await receiver.setSecrets([secret!])

    const a = httpClient(cli.url)
    const b = httpClient(cli.url)
    // A virtual clock far ahead must not leak into webhook-timestamp.
    await a.post('/_emulator/clock', { mode: 'manual', now: '2032-01-01T00:00:00Z' })
    const ids = [...(await makeEvents(a)), ...(await makeEvents(b))].sort()
    const results = await waitFor(async () => {
      const r = await receiver.results()
      return r.length >= ids.length ? r : undefined
    }, `${ids.length} deliveries at the receiver process`)
    expect(results.map((r) => r.event_id).sort()).toEqual(ids)
    expect(results.filter((r) => !r.verified)).toEqual([])
    expect(results.every((r) => r.webhook_id === r.event_id)).toBe(true)
  })

  it('kill -9 with deliveries in flight: after restart they are sent again (at-least-once)', async () => {
    const port = await freePort()
    const hanging = await WebhookReceiver.start(() => ({ hang: true }), port)
    const db = join(dir, 'inflight.json')
    const scenario = join(dir, 'inflight.yaml')
    await writeFile(scenario, `name: inflight\ndestinations:\n  - url: http://127.0.0.1:${port}/webhooks\n    secret: ${SECRET}\n`)
    const key = freshKey('kill')
    const first = track(await startCli(['--db', db, '--scenario', scenario]))
    const ids = await makeEvents(httpClient(first.url, key), 20)
    expect(ids).toHaveLength(41)
    await hanging.waitForCount(ids.length)
    await first.kill('SIGKILL')
    await hanging.stop()

    const receiver = track(await startVerifyingReceiver(port, [SECRET]))
    const second = track(await startCli(['--db', db, '--scenario', scenario]))
    const results = await waitFor(async () => {
      const r = await receiver.results()
      return r.length >= ids.length ? r : undefined
    }, 'the re-sent deliveries')
    expect([...new Set(results.map((r) => r.event_id))].sort()).toEqual(ids)
    expect(results.every((r) => r.verified)).toBe(true)
    const client = httpClient(second.url, key)
    const [destination] = (await client.get('/v2/event-destinations')).body.data
    await waitFor(
      async () => (await client.get(`/v2/event-destinations/${destination.id}/event-deliveries?status=success&limit=100`)).body.data.length === ids.length,
      'deliveries recorded as success',
    )
  })

  it('kill -9 with retries pending while the receiver is down: they arrive after restart', async () => {
    // "Down" is a receiver answering 503 rather than a closed port: the port stays ours
    // until the verifying receiver takes it (a closed port can be taken by any other process).
    const down = await WebhookReceiver.start(() => ({ status: 503 }))
    const port = down.port
    const db = join(dir, 'retry.json')
    const scenario = join(dir, 'retry.yaml')
    await writeFile(
      scenario,
      `name: retry\nwebhook_retries: [1s, 30s, 30s]\ndestinations:\n  - url: http://127.0.0.1:${port}/webhooks\n    secret: ${SECRET}\n`,
    )
    const key = freshKey('retry')
    const first = track(await startCli(['--db', db, '--scenario', scenario]))
    const client = httpClient(first.url, key)
    const ids = await makeEvents(client, 20)
    // Every first attempt fails (503) and a retry is pending.
    await waitFor(async () => {
      const journal = (await client.get('/_emulator/deliveries')).body.data as { attempt: number; status_code?: number | null }[]
      return journal.filter((a) => a.attempt === 1 && a.status_code === 503).length === ids.length
    }, 'failed first attempts')
    await first.kill('SIGKILL')
    await down.stop()

    const receiver = track(await startVerifyingReceiver(port, [SECRET]))
    track(await startCli(['--db', db, '--scenario', scenario]))
    const results = await waitFor(async () => {
      const r = await receiver.results()
      return r.length >= ids.length ? r : undefined
    }, 'the retried deliveries after restart')
    expect([...new Set(results.map((r) => r.event_id))].sort()).toEqual(ids)
    expect(results.every((r) => r.verified)).toBe(true)
  })

  it('a delivery whose timer was consumed by an unanswered send is re-armed on restart (file storage)', async () => {
    const db = join(dir, 'rearm.json')
    const hanging = await WebhookReceiver.start(() => ({ hang: true }))
    const first = await createEmulator({ storage: { type: 'file', path: db }, clock: 'manual' })
    const client = api((input, init) => first.fetch(input, init), freshKey('rearm'))
    await client.post('/v2/event-destinations', { name: 'r', events: ['*'], webhook: { url: hanging.url } })
    await client.post('/v2/sources', { type: 'website', website: { url: 'https://a.example.com' } })
    await hanging.waitForCount(1)
    await first.close() // aborts the send without recording it: the delivery stays pending, with no timer
    const port = hanging.port
    await hanging.stop()
    const receiver = await WebhookReceiver.start(undefined, port)
    try {
      const second = await createEmulator({ storage: { type: 'file', path: db }, clock: 'manual' })
      await second.webhooksIdle()
      expect(receiver.received).toHaveLength(1)
      expect(receiver.received[0]!.headers['webhook-id']).toBe(hanging.received[0]!.headers['webhook-id'])
      await second.close()
    } finally {
      await receiver.stop()
    }
  })
})
