import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { api, freshKey, setup } from './helpers/api.js'

/** Which of `n` GET /v2/sources requests a `probability` fault hit, on an emulator with `seed`. */
async function faultedIndexes(seed: number | string, n = 40, key = 'sk_test_chaos_seeded') {
  const emulator = await createEmulator({ seed, clock: 'manual' })
  try {
    const client = api(emulator.fetch, key)
    await client.post('/_emulator/faults', { match: { path: '/v2/sources' }, respond: { status: 503 }, probability: 0.2 })
    const hit: number[] = []
    for (let i = 0; i < n; i++) if ((await client.get('/v2/sources')).status === 503) hit.push(i)
    const [fault] = (await client.get('/_emulator/faults')).body.data
    expect(fault.hits).toBe(hit.length) // a miss is not a hit
    return hit
  } finally {
    await emulator.close()
  }
}

describe('probability', () => {
  it('faults the same requests for the same seed, other ones for another seed, about the given share', async () => {
    const a = await faultedIndexes(7)
    expect(await faultedIndexes(7)).toEqual(a)
    expect(await faultedIndexes(8)).not.toEqual(a)
    expect(a.length).toBeGreaterThan(2)
    expect(a.length).toBeLessThan(20)
  })

  it('a reset starts the chaos stream again', async () => {
    const t = await setup({ seed: 3 })
    const run = async () => {
      await t.client.post('/_emulator/faults', { match: { path: '/v2/sources' }, respond: { status: 500 }, probability: 0.5 })
      const statuses: number[] = []
      for (let i = 0; i < 12; i++) statuses.push((await t.client.get('/v2/sources')).status)
      return statuses
    }
    const first = await run()
    await t.client.post('/_emulator/reset')
    expect(await run()).toEqual(first)
    expect(new Set(first)).toEqual(new Set([200, 500]))
  })

  it('draws do not shift the ids the API hands out', async () => {
    const ids = async (chaos: boolean) => {
      const emulator = await createEmulator({ seed: 42, clock: 'manual' })
      try {
        const client = api(emulator.fetch, 'sk_test_chaos_ids')
        if (chaos) await client.post('/_emulator/faults', { match: { path: '/v2/**' }, delay: { uniform: ['0ms', '2ms'] }, probability: 0.5 })
        const out: string[] = []
        for (const host of ['a', 'b', 'c']) {
          const source = (await client.post('/v2/sources', { type: 'website', website: { url: `https://${host}.example.com` } })).body.id
          await client.get(`/v2/sources/${source}`)
          out.push(source, (await client.post('/v2/connections', { source_id: source, auth_credentials: { username: 'user_good', password: 'x' } })).body.id)
        }
        if (chaos) expect((await client.get('/_emulator/requests')).body.data.some((e: any) => e.faults)).toBe(true)
        return out
      } finally {
        await emulator.close()
      }
    }
    expect(await ids(true)).toEqual(await ids(false))
  })
})

describe('delay distributions', () => {
  it('samples each faulted request within the bounds and shows the sample in the journal', async () => {
    const t = await setup()
    await t.client.post('/_emulator/faults', { match: { path: '/v2/sources' }, delay: { uniform: ['1ms', '6ms'] } })
    for (let i = 0; i < 8; i++) await t.client.get('/v2/sources')
    const delays = (await t.client.get('/_emulator/requests')).body.data.map((e: any) => e.fault_effects.delay_ms)
    expect(delays).toHaveLength(8)
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(1)
      expect(d).toBeLessThanOrEqual(6)
    }
    expect(new Set(delays).size).toBeGreaterThan(1)
  })

  it('a lognormal delay is cut at its max', async () => {
    const t = await setup()
    await t.client.post('/_emulator/faults', { match: { path: '/v2/sources' }, delay: { lognormal: { median: '2ms', sigma: 2, max: '5ms' } } })
    for (let i = 0; i < 6; i++) await t.client.get('/v2/sources')
    const delays = (await t.client.get('/_emulator/requests')).body.data.map((e: any) => e.fault_effects?.delay_ms ?? 0)
    expect(Math.max(...delays)).toBeLessThanOrEqual(5)
  })

  it.each([
    [{ delay: { uniform: ['1s', '2m'] } }, /at most 60s/],
    [{ delay: { lognormal: { median: '10ms', sigma: 0.5, max: '2h' } } }, /at most 60s/],
    [{ delay: { uniform: ['2s', '1s'] } }, /min ≤ max/],
    [{ delay: { gaussian: 5 } }, /expected a duration like 200ms, \{uniform/],
    [{ delay: { lognormal: { median: '10ms' } } }, /sigma/],
    [{ probability: 0, respond: { status: 500 } }, /probability/],
    [{ probability: 1.5, respond: { status: 500 } }, /probability/],
    [{ connection: 'hangup' }, /connection/],
    [{ body: 'malformed', connection: 'reset' }, /cannot be combined/],
    [{ trickle: { duration: '1s' }, body: 'malformed' }, /need `body: trickle`/],
    [{ body: 'trickle', trickle: { duration: '2m' } }, /at most 60s/],
    [{ probability: 0.5 }, /a fault needs/],
  ])('refuses %j with a Deck error', async (fault, message) => {
    const t = await setup()
    const res = await t.client.post('/_emulator/faults', { match: { path: '/v2/**' }, ...fault })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ type: 'request', code: expect.stringMatching(/^input_/) })
    expect(JSON.stringify(res.body.errors)).toMatch(message)
  })
})

describe('connection and body faults in-process (library fetch)', () => {
  it('reset and empty reject the fetch like Node’s fetch does; the journal shows them', async () => {
    const t = await setup()
    const fetchIt = () => t.emulator.fetch('/v2/sources', { headers: { authorization: `Bearer ${t.key}` } })
    await t.client.post('/_emulator/faults', { match: { path: '/v2/sources' }, connection: 'reset', times: 1 })
    await t.client.post('/_emulator/faults', { match: { path: '/v2/sources' }, connection: 'empty', times: 1 })
    await expect(fetchIt()).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNRESET' } })
    await expect(fetchIt()).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed', cause: { code: 'UND_ERR_SOCKET' } })
    expect((await fetchIt()).status).toBe(200)
    const journal = (await t.client.get('/_emulator/requests')).body.data
    expect(journal.map((e: any) => e.fault_effects?.connection)).toEqual(['reset', 'empty', undefined])
  })

  it('reset_mid gives the headers, then reading the body fails', async () => {
    const t = await setup()
    await t.client.post('/_emulator/faults', { match: { path: '/v2/sources' }, connection: 'reset_mid' })
    const res = await t.emulator.fetch('/v2/sources', { headers: { authorization: `Bearer ${t.key}` } })
    expect(res.status).toBe(200)
    await expect(res.text()).rejects.toMatchObject({ message: 'terminated', cause: { code: 'ECONNRESET' } })
  })

  it('trickle streams the body in the given number of pieces', async () => {
    const t = await setup()
    await t.client.post('/_emulator/faults', { match: { path: '/v2/sources' }, body: 'trickle', trickle: { duration: '20ms', chunks: 5 } })
    const res = await t.emulator.fetch('/v2/sources', { headers: { authorization: `Bearer ${t.key}` } })
    const reader = res.body!.getReader()
    const pieces: string[] = []
    for (let r = await reader.read(); !r.done; r = await reader.read()) pieces.push(new TextDecoder().decode(r.value))
    expect(pieces).toHaveLength(5)
    expect(JSON.parse(pieces.join(''))).toMatchObject({ data: [] })
  })

  it('scenario faults take the same fields', async () => {
    const t = await setup()
    const yaml = [
      'name: chaos',
      'faults:',
      '  - match: { path: /v2/sources }',
      '    body: malformed',
      '    times: 1',
      '  - match: { path: /v2/sources }',
      '    delay: { uniform: [1ms, 2ms] }',
      '    probability: 1',
    ].join('\n')
    expect((await t.client.put('/_emulator/scenario', yaml, { 'content-type': 'application/yaml' })).status).toBe(200)
    const first = await t.client.get('/v2/sources')
    expect(first.status).toBe(200)
    expect(typeof first.body).toBe('string') // not JSON
    const [entry] = (await t.client.get('/_emulator/requests')).body.data
    expect(entry).toMatchObject({ faults: ['flt_1', 'flt_2'], fault_effects: { body: 'malformed', delay_ms: expect.any(Number) } })
    const faults = (await t.client.get('/_emulator/faults')).body.data
    expect(faults[1]).toMatchObject({ origin: 'scenario', delay: { uniform: [1, 2] }, probability: 1 })
  })
})

it('freshKey tenants do not share a chaos stream', () => expect(freshKey()).not.toBe(freshKey()))
