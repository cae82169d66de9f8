import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain .mjs bench modules (no types)
import { writeWorld } from '../bench/lib/fixtures.mjs'
// @ts-expect-error plain .mjs bench modules (no types)
import { createSource, lifecycle } from '../bench/lib/lifecycle.mjs'
// @ts-expect-error plain .mjs bench modules (no types)
import { markdown, svgChart } from '../bench/lib/report.mjs'
import { createEmulator } from '../src/index.js'
import { eventCount } from '../src/tenant/event-log.js'
import { api } from './helpers/api.js'
import { tempDir } from './helpers/cli.js'

describe('bench harness (smoke)', () => {
  it('writes a world in the file store format that the store opens, and runs a lifecycle', async () => {
    const db = join(tempDir('bench'), 'db.json')
    const world = writeWorld(db, { connections: 20, events: 50 })
    const emu = await createEmulator({ storage: { type: 'file', path: db } })
    const client = api(emu.fetch, world.key)
    expect((await client.get(`/v2/connections/${world.connectionId}`)).body.status).toBe('connected')
    expect((await client.get('/v2/connections?external_id=cust_7')).body.data).toHaveLength(1)
    expect(eventCount(emu.tenants.get(world.key))).toBe(50)
    const src = await createSource(emu.fetch, 'https://api.deck.co', world.key)
    const run = await lifecycle(emu.fetch, 'https://api.deck.co', world.key, src)
    expect(run.requests).toBeGreaterThanOrEqual(4)
    expect((await client.get(`/v2/connections/${run.id}`)).body.status).toBe('connected')
    await emu.close()
  })

  it('renders the results table and chart', () => {
    const rows = [
      {
        phase: 'read',
        figure: 'GET',
        value: 80,
        unit: 'req/s',
        baseline: 100,
        baselineLabel: 'bare',
        ratio: 0.8,
        target: '≥ 0.8×',
        pass: true,
        better: 'higher',
      },
    ]
    expect(markdown(rows, { date: 'now', load: '0', connections: 1, seconds: 1, notes: [], durationS: 1 })).toContain('| read | GET | 80.0 req/s')
    expect(svgChart(rows)).toContain('<svg')
  })
})
