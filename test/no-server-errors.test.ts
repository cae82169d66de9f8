import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'

const PROTO_IDS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf']
const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`

/** Hostile inputs that used to reach a 500 (or worse, the prototype): each now gets a Deck 4xx. */
describe('no server error from any input', () => {
  it('refuses a deeply nested JSON body with 400 input_invalid on body routes', async () => {
    const t = await setup()
    for (const path of ['/v2/sources', '/v2/connections', '/_emulator/faults']) {
      const res = await t.client.post(path, `{"name":${deep(4000)}}`)
      expect(res.status, path).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'input_invalid' })
    }
    const journal = await t.client.get('/_emulator/requests')
    expect(journal.status).toBe(200)
  })

  it('finds no record named after an Object.prototype member, and stores __proto__ as nothing', async () => {
    const t = await setup()
    const before = Object.getOwnPropertyNames(Object.prototype).length
    for (const id of PROTO_IDS) {
      for (const path of ['agents', 'sources', 'connections', 'tasks', 'task_runs', 'events', 'event_destinations']) {
        const get = await t.client.get(`/v2/${path}/${id}`)
        expect(get.status, `GET ${path}/${id}`).toBe(404)
        expect(get.body.errors[0].type).toBeTypeOf('string')
        const del = await t.client.delete(`/v2/${path}/${id}`)
        expect([404, 405], `DELETE ${path}/${id}`).toContain(del.status)
      }
      expect((await t.client.patch(`/v2/sources/${id}`, { name: 'x' })).status).toBe(404)
      expect((await t.client.post(`/v2/connections/${id}/disconnect`)).status).toBe(404)
      expect((await t.client.post(`/_emulator/connections/${id}/transition`, { status: 'connected' })).status).toBe(404)
      expect((await t.client.get(`/_emulator/connections/${id}/expected-answer`)).status).toBe(404)
      const site = await t.emulator.fetch(`/_sources/${id}/login`)
      expect(site.status, `/_sources/${id}/login`).toBe(404)
    }
    expect((await t.client.get('/v2/sources')).body.data).toEqual([])
    expect(Object.getOwnPropertyNames(Object.prototype).length).toBe(before)
    expect(({} as Record<string, unknown>).name).toBeUndefined()
  })

  it('answers dashboard actions named after prototype members with 404, and a broken form with 400', async () => {
    const t = await setup()
    const act = (name: string, body: string, type: string) =>
      t.emulator.fetch(`/_emulator/ui/actions/${name}`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${t.key}`, 'content-type': type, 'x-deck-ui': '1' },
      })
    for (const name of PROTO_IDS) {
      const res = await act(name, 'connection_id=x', 'application/x-www-form-urlencoded')
      expect(res.status, name).toBe(404)
    }
    const broken = await act('advance', '--x\r\nbroken', 'multipart/form-data; boundary=x')
    expect(broken.status).toBe(400)
    expect((await broken.json()).ok).toBe(false)
    const proto = await act('advance', '__proto__=1&constructor=2&by=1s', 'application/x-www-form-urlencoded')
    expect(proto.status).toBe(200)
  })
})
