import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'

describe('POST /v2/connections', () => {
  it('answers 201 connecting at once, and the login completes after the response', async () => {
    const t = await setup()
    const src = await t.source()
    const res = await t.client.post('/v2/connections', {
      source_id: src,
      auth_method: 'username_password',
      auth_credentials: { username: 'user_good', password: 'pw' },
      external_id: 'user_123',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      object: 'connection',
      status: 'connecting',
      source_id: src,
      auth_method: 'username_password',
      auth_credentials: { username: 'user_good' },
      external_id: 'user_123',
      interaction: null,
      errors: [],
      last_connected_at: null,
    })
    expect(res.body.id).toMatch(/^conn_/)
    expect(JSON.stringify(res.body)).not.toContain('pw')
    const after = await t.client.get(`/v2/connections/${res.body.id}`)
    expect(after.body.status).toBe('connected')
    expect(after.body.last_connected_at).toBe(after.body.updated_at)
  })

  it('supports google_sso (email) and none', async () => {
    const t = await setup()
    const src = await t.source()
    const sso = await t.client.post('/v2/connections', { source_id: src, auth_method: 'google_sso', auth_credentials: { email: 'a@b.co', password: 'x' } })
    expect(sso.body.auth_credentials).toEqual({ email: 'a@b.co' })
    const none = await t.client.post('/v2/connections', { source_id: src, auth_method: 'none' })
    expect(none.status).toBe(201)
    expect(none.body.auth_credentials).toBeNull()
    expect(await t.status(none.body.id)).toBe('connected')
  })

  it.each([
    [{ auth_method: 'username_password', auth_credentials: { username: 'u', password: 'p' } }, 'input_missing', 'source_id'],
    [{ source_id: 'SRC', auth_method: 'username_password' }, 'input_missing', 'auth_credentials'],
    [{ source_id: 'SRC', auth_method: 'username_password', auth_credentials: { password: 'p' } }, 'input_missing', 'auth_credentials.username'],
    [{ source_id: 'SRC', auth_method: 'username_password', auth_credentials: { username: 'u' } }, 'input_missing', 'auth_credentials.password'],
    [{ source_id: 'SRC', auth_method: 'google_sso', auth_credentials: { username: 'u', password: 'p' } }, 'input_missing', 'auth_credentials.email'],
    [{ source_id: 'SRC', auth_method: 'passkey' }, 'input_invalid', 'auth_method'],
    [{ source_id: 42, auth_method: 'none' }, 'input_invalid', 'source_id'],
    [{ source_id: 'SRC', auth_method: 'none', external_id: 'x'.repeat(256) }, 'input_invalid', 'external_id'],
    [{ source_id: 'SRC', auth_method: 'none', external_id: 7 }, 'input_invalid', 'external_id'],
    [{ source_id: '', auth_method: 'none' }, 'input_missing', 'source_id'],
  ])('rejects %j (%s on %s)', async (input, code, field) => {
    const t = await setup()
    const src = await t.source()
    const res = await t.client.post('/v2/connections', JSON.parse(JSON.stringify(input).replace('"SRC"', JSON.stringify(src))))
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ type: 'request', code, field })
  })

  it('answers 404 source_not_found for an unknown source', async () => {
    const t = await setup()
    const res = await t.client.post('/v2/connections', { source_id: 'src_missing', auth_method: 'none' })
    expect(res.status).toBe(404)
    expect(res.body.errors[0].code).toBe('source_not_found')
  })

  it('ignores unknown body fields', async () => {
    const t = await setup()
    const res = await t.client.post('/v2/connections', { source_id: await t.source(), auth_method: 'none', surprise: true })
    expect(res.status).toBe(201)
    expect(res.body).not.toHaveProperty('surprise')
  })
})

describe('GET /v2/connections', () => {
  it('filters by source_id, status and external_id (ANDed) before paging', async () => {
    const t = await setup()
    const a = await t.source('A')
    const b = await t.source('B')
    await t.connect(a, 'user_good', 'pw', { external_id: 'u1' })
    await t.connect(a, 'user_mfa', 'pw', { external_id: 'u1' })
    await t.connect(b, 'user_good', 'pw', { external_id: 'u2' })
    const ids = async (q: string) => (await t.client.get(`/v2/connections?${q}`)).body.data.length
    expect(await ids('')).toBe(3)
    expect(await ids(`source_id=${a}`)).toBe(2)
    expect(await ids('status=connected')).toBe(2)
    expect(await ids('status=interaction_required&external_id=u1')).toBe(1)
    expect(await ids(`source_id=${b}&external_id=u1`)).toBe(0)
  })

  it('rejects an unknown status and a bad limit with input_invalid', async () => {
    const t = await setup()
    expect((await t.client.get('/v2/connections?status=happy')).body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'status' })
    for (const limit of ['0', '101', 'ten']) {
      const res = await t.client.get(`/v2/connections?limit=${limit}`)
      expect(res.status).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'limit' })
    }
  })

  it('rejects a cursor reused with other filters (cursor_invalid)', async () => {
    const t = await setup()
    const src = await t.source()
    await t.connect(src, 'user_good')
    await t.connect(src, 'user_good')
    const page = await t.client.get('/v2/connections?limit=1')
    expect(page.body.next_cursor).toBeTruthy()
    const res = await t.client.get(`/v2/connections?limit=1&status=connected&cursor=${page.body.next_cursor}`)
    expect(res.status).toBe(400)
    expect(res.body.errors[0].code).toBe('cursor_invalid')
    expect((await t.client.get('/v2/connections?cursor=nonsense')).body.errors[0].code).toBe('cursor_invalid')
  })
})

describe('PATCH /v2/connections/{id}', () => {
  it('sets and clears external_id', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_good')
    expect((await t.client.patch(`/v2/connections/${id}`, { external_id: 'new' })).body.external_id).toBe('new')
    expect((await t.client.patch(`/v2/connections/${id}`, { external_id: null })).body.external_id).toBeNull()
    expect((await t.client.patch(`/v2/connections/${id}`, { external_id: 'x'.repeat(256) })).body.errors[0].field).toBe('external_id')
  })
})

describe('POST /v2/connections/{id}/interaction', () => {
  it('needs every field of the pending interaction (input_missing inputs.code)', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_mfa')
    const res = await t.client.post(`/v2/connections/${id}/interaction`, { inputs: {} })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ code: 'input_missing', field: 'inputs.code' })
    expect((await t.client.post(`/v2/connections/${id}/interaction`, {})).body.errors[0]).toMatchObject({ code: 'input_missing', field: 'inputs' })
  })

  it('accepts `input` as well as `inputs`', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_mfa')
    const res = await t.client.post(`/v2/connections/${id}/interaction`, { input: { code: '123456' } })
    expect(res.body.status).toBe('connecting')
    expect(await t.status(id)).toBe('connected')
  })

  it('answers 409 interaction_not_required when nothing is pending', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_good')
    const res = await t.client.post(`/v2/connections/${id}/interaction`, { inputs: { code: '1' } })
    expect(res.status).toBe(409)
    expect(res.body.errors[0]).toMatchObject({ type: 'request', code: 'interaction_not_required' })
  })

  it('re-prompts on a wrong answer and ends invalid after max_attempts', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_mfa')
    for (let i = 0; i < 2; i++) {
      await t.client.post(`/v2/connections/${id}/interaction`, { inputs: { code: '000000' } })
      const res = await t.client.get(`/v2/connections/${id}`)
      expect(res.body.status).toBe('interaction_required')
      expect(res.body.interaction.message).toMatch(/not accepted/)
    }
    await t.client.post(`/v2/connections/${id}/interaction`, { inputs: { code: '000000' } })
    const final = await t.client.get(`/v2/connections/${id}`)
    expect(final.body).toMatchObject({ status: 'invalid', interaction: null, errors: [{ type: 'auth', code: 'auth_invalid' }] })
  })
})

describe('POST /v2/connections/{id}/reopen and /disconnect', () => {
  it('reopens only a disconnected connection, keeping its id', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_drop')
    expect((await t.client.post(`/v2/connections/${id}/reopen`)).body.errors[0].code).toBe('invalid_state')
    await t.advance('1m')
    expect(await t.status(id)).toBe('disconnected')
    const res = await t.client.post(`/v2/connections/${id}/reopen`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id, status: 'connecting', errors: [] })
    expect(await t.status(id)).toBe('connected')
  })

  it('terminates from any status but terminated, wiping credentials', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_mfa')
    const res = await t.client.post(`/v2/connections/${id}/disconnect`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'terminated', interaction: null, auth_credentials: null })
    const again = await t.client.post(`/v2/connections/${id}/disconnect`)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toMatch(/terminated/)
    expect((await t.client.get(`/v2/connections/${id}`)).body.status).toBe('terminated')
    expect(t.emulator.tenants.get(t.key).data.logins[id]).toBeUndefined()
  })
})
