import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Emulator } from '../src/index.js'
import { createEmulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'

let emulator: Emulator
beforeAll(async () => {
  emulator = await createEmulator({ clock: 'manual' })
})
afterAll(() => emulator.close())

async function tenant() {
  const key = freshKey('events')
  const client = api((input, init) => emulator.fetch(input, init), key)
  const source = (await client.post('/v2/sources', { type: 'website', name: 'Bank', website: { url: 'https://bank.example.com' } })).body.id as string
  return { key, client, source }
}

describe('GET /v2/events', () => {
  it('records every connection and source event with the full object, external_id included', async () => {
    const { client, source } = await tenant()
    const created = await client.post('/v2/connections', {
      source_id: source,
      auth_method: 'username_password',
      auth_credentials: { username: 'user_good', password: 'x' },
      external_id: 'user_42',
    })
    const list = await client.get('/v2/events?limit=100')
    expect(list.status).toBe(200)
    // Same instant on a manual clock: the order among them is by id, so compare as a set.
    expect(list.body.data.map((e: any) => e.type).sort()).toEqual(['connection.connected', 'connection.connecting', 'source.created'])
    const byType = (type: string) => list.body.data.find((e: any) => e.type === type)
    const connected = byType('connection.connected')
    expect(connected).toMatchObject({
      object: 'event',
      type: 'connection.connected',
      data: { id: created.body.id, object: 'connection', status: 'connected', external_id: 'user_42', source_id: source },
    })
    expect(connected.id).toMatch(/^evt_[A-Za-z0-9]{16}$/)
    expect(JSON.stringify(list.body)).not.toContain('"password"')
    expect(byType('source.created').data).toMatchObject({ id: source, object: 'source', name: 'Bank' })
  })

  it('gets one event; unknown ids are 404 event_not_found', async () => {
    const { client } = await tenant()
    const [event] = (await client.get('/v2/events')).body.data
    const one = await client.get(`/v2/events/${event.id}`)
    expect(one.status).toBe(200)
    expect(one.body).toMatchObject({ ...event, request_id: expect.stringMatching(/^req_/) })
    const missing = await client.get('/v2/events/evt_nope')
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0].code).toBe('event_not_found')
  })

  it("another tenant's event is not found", async () => {
    const a = await tenant()
    const b = await tenant()
    const [event] = (await a.client.get('/v2/events')).body.data
    expect((await b.client.get(`/v2/events/${event.id}`)).status).toBe(404)
  })

  it('filters by type (one or comma-separated) and by created_after / created_before, then pages', async () => {
    const { key, client, source } = await tenant()
    await emulator.clock.advance('1m', key)
    await client.patch(`/v2/sources/${source}`, { name: 'Renamed' })
    await emulator.clock.advance('1m', key)
    await client.delete(`/v2/sources/${source}`)
    expect((await client.get('/v2/events?type=source.updated')).body.data.map((e: any) => e.type)).toEqual(['source.updated'])
    expect((await client.get('/v2/events?type=source.created,source.deleted')).body.data.map((e: any) => e.type)).toEqual(['source.deleted', 'source.created'])
    expect((await client.get('/v2/events?created_after=2026-01-01T00:00:30Z')).body.data.map((e: any) => e.type)).toEqual(['source.deleted', 'source.updated'])
    expect((await client.get('/v2/events?created_before=2026-01-01T00:01:30Z')).body.data.map((e: any) => e.type)).toEqual(['source.updated', 'source.created'])
    const page1 = await client.get('/v2/events?limit=2')
    expect(page1.body.has_more).toBe(true)
    const page2 = await client.get(`/v2/events?limit=2&cursor=${page1.body.next_cursor}`)
    expect(page2.body.data.map((e: any) => e.type)).toEqual(['source.created'])
    expect(page2.body.has_more).toBe(false)
  })

  it('rejects bad filters with input_invalid naming the field', async () => {
    const { client } = await tenant()
    const bad = await client.get('/v2/events?created_after=yesterday')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'created_after' })
    expect((await client.get('/v2/events?limit=0')).body.errors[0].field).toBe('limit')
  })

  it('keeps events 30 days on the tenant clock', async () => {
    const { key, client } = await tenant()
    const [event] = (await client.get('/v2/events')).body.data
    await emulator.clock.advance('29d', key)
    expect((await client.get(`/v2/events/${event.id}`)).status).toBe(200)
    await emulator.clock.advance('1d', key)
    expect((await client.get(`/v2/events/${event.id}`)).status).toBe(404)
    expect((await client.get('/v2/events')).body.data).toEqual([])
  })

  it('expires deliveries with their events', async () => {
    const key = freshKey('expire')
    const client = api((input, init) => emulator.fetch(input, init), key)
    const dest = (await client.post('/v2/event-destinations', { name: 'd', events: ['*'], webhook: { url: 'http://127.0.0.1:1/refused' } })).body
    await client.post('/v2/sources', { type: 'website', website: { url: 'https://a.example.com' } })
    await emulator.webhooksIdle()
    await emulator.clock.advance('31d', key)
    await emulator.webhooksIdle()
    expect((await client.get(`/v2/event-destinations/${dest.id}/event-deliveries`)).body.data).toHaveLength(1)
    await client.post('/v2/sources', { type: 'website', website: { url: 'https://b.example.com' } })
    await emulator.webhooksIdle()
    const left = (await client.get(`/v2/event-destinations/${dest.id}/event-deliveries`)).body.data
    expect(left.map((d: any) => d.created_at)).toEqual(['2026-02-01T00:00:00.000Z'])
  })
})

describe('GET /v2/event-types', () => {
  it('lists every type the emulator emits, unpaginated, with descriptions', async () => {
    const { client } = await tenant()
    const res = await client.get('/v2/event-types')
    expect(res.status).toBe(200)
    const types = res.body.data.map((t: any) => t.type)
    for (const status of ['connecting', 'connected', 'interaction_required', 'invalid', 'disconnected', 'terminated'])
      expect(types).toContain(`connection.${status}`)
    for (const object of ['source', 'agent', 'task']) for (const action of ['created', 'updated', 'deleted']) expect(types).toContain(`${object}.${action}`)
    for (const status of ['queued', 'running', 'interaction_required', 'pending', 'completed', 'failed', 'canceled'])
      expect(types).toContain(`task_run.${status}`)
    expect(res.body.data.every((t: any) => typeof t.description === 'string' && t.description.length > 0)).toBe(true)
    expect(res.body).not.toHaveProperty('has_more')
  })
})
