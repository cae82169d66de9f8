import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'

const body = { type: 'website', name: 'Acme', website: { url: 'https://acme.example.com' } }

describe('POST /v2/sources', () => {
  it('creates a source (201) with a src_ id and timestamps', async () => {
    const { client } = await setup()
    const res = await client.post('/v2/sources', body)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ object: 'source', name: 'Acme', type: 'website', website: { url: 'https://acme.example.com' } })
    expect(res.body.id).toMatch(/^src_[0-9A-Za-z]{16}$/)
    expect(res.body.request_id).toMatch(/^req_/)
    expect(res.headers.get('x-request-id')).toBe(res.body.request_id)
  })

  it('names the source after its host when no name is given', async () => {
    const { client } = await setup()
    const res = await client.post('/v2/sources', { type: 'website', website: { url: 'https://shop.example.org/login' } })
    expect(res.body.name).toBe('shop.example.org')
  })

  it.each([
    [{ website: { url: 'https://a.example.com' } }, 'input_missing', 'type'],
    [{ type: 'app', website: { url: 'https://a.example.com' } }, 'input_invalid', 'type'],
    [{ type: 'website' }, 'input_missing', 'website'],
    [{ type: 'website', website: { url: 'not a url' } }, 'input_invalid', 'website.url'],
    [{ type: 'website', website: { url: 42 } }, 'input_invalid', 'website.url'],
  ])('rejects %j with %s on %s', async (input, code, field) => {
    const { client } = await setup()
    const res = await client.post('/v2/sources', input)
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ type: 'request', code, field })
  })
})

describe('GET/PATCH/DELETE /v2/sources/{id}', () => {
  it('gets, updates (with source.updated) and deletes a source', async () => {
    const { client } = await setup()
    const { body: created } = await client.post('/v2/sources', body)
    expect((await client.get(`/v2/sources/${created.id}`)).body.name).toBe('Acme')
    const patched = await client.patch(`/v2/sources/${created.id}`, { name: 'Acme 2', website: { url: 'https://acme2.example.com' } })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ name: 'Acme 2', website: { url: 'https://acme2.example.com' } })
    const deleted = await client.delete(`/v2/sources/${created.id}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toMatchObject({ id: created.id, object: 'source', deleted: true })
    expect((await client.get(`/v2/sources/${created.id}`)).body.errors[0].code).toBe('source_not_found')
  })

  it('lists sources newest first, paginated', async () => {
    const { client, advance } = await setup()
    for (const name of ['a', 'b', 'c']) {
      await client.post('/v2/sources', { ...body, name })
      await advance('1s')
    }
    const page1 = await client.get('/v2/sources?limit=2')
    expect(page1.body.data.map((s: { name: string }) => s.name)).toEqual(['c', 'b'])
    expect(page1.body.has_more).toBe(true)
    const page2 = await client.get(`/v2/sources?limit=2&cursor=${page1.body.next_cursor}`)
    expect(page2.body.data.map((s: { name: string }) => s.name)).toEqual(['a'])
    expect(page2.body).toMatchObject({ has_more: false, next_cursor: null })
  })

  it('answers 404 source_not_found for unknown ids', async () => {
    const { client } = await setup()
    for (const res of [
      await client.get('/v2/sources/src_nope'),
      await client.patch('/v2/sources/src_nope', { name: 'x' }),
      await client.delete('/v2/sources/src_nope'),
    ]) {
      expect(res.status).toBe(404)
      expect(res.body.errors[0]).toMatchObject({ type: 'request', code: 'source_not_found' })
    }
  })
})
