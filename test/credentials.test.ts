import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { credential, plainTask, runOn } from './helpers/credentials.js'
import { eventsOf, eventTypes } from './helpers/tasks.js'

describe('credentials API', () => {
  it('creates an unverified credential whose summary never holds the password', async () => {
    const ctx = await setup()
    const sourceId = await ctx.source()
    const res = await ctx.client.post('/v2/credentials', {
      source_id: sourceId,
      auth_method: 'username_password',
      external_id: 'user_123',
      auth_credentials: { username: 'mark@example.com', password: 'hunter2', source_fields: { region: 'eu', member_no: '42' } },
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.stringMatching(/^cred_[A-Za-z0-9]{16}$/),
      object: 'credential',
      status: 'unverified',
      source_id: sourceId,
      auth_method: 'username_password',
      auth_credentials: { username: 'mark@example.com', key: null, source_fields: { region: 'eu', member_no: '42' } },
      external_id: 'user_123',
      created_at: expect.any(String),
      updated_at: expect.any(String),
      request_id: expect.stringMatching(/^req_/),
    })
    expect((await ctx.client.get(`/v2/credentials/${res.body.id}`)).body).toMatchObject({
      status: 'unverified',
      auth_credentials: { username: 'mark@example.com' },
    })
    expect(eventTypes(ctx.emulator, ctx.key, 'credential.')).toEqual(['credential.created'])
    const none = await ctx.client.post('/v2/credentials', { source_id: sourceId })
    expect(none.body).toMatchObject({ status: 'unverified', auth_method: 'none', auth_credentials: null, external_id: null })
  })

  it('rejects bad bodies with the field named', async () => {
    const ctx = await setup()
    const sourceId = await ctx.source()
    const create = (body: unknown) => ctx.client.post('/v2/credentials', body)
    const cases: [unknown, number, string, string | undefined][] = [
      [{}, 400, 'input_missing', 'source_id'],
      [{ source_id: 'src_nope' }, 404, 'source_not_found', undefined],
      [{ source_id: sourceId, auth_method: 'google_sso' }, 400, 'input_invalid', 'auth_method'],
      [{ source_id: sourceId, auth_method: 'username_password' }, 400, 'input_missing', 'auth_credentials'],
      [{ source_id: sourceId, auth_method: 'username_password', auth_credentials: { username: 'u' } }, 400, 'input_missing', 'auth_credentials.password'],
      [{ source_id: sourceId, external_id: 'x'.repeat(256) }, 400, 'input_invalid', 'external_id'],
      [
        { source_id: sourceId, auth_method: 'username_password', auth_credentials: { username: 'u', password: 'p', source_fields: { Bad: 'x' } } },
        400,
        'input_invalid',
        'auth_credentials.source_fields.Bad',
      ],
      [
        { source_id: sourceId, auth_method: 'username_password', auth_credentials: { username: 'u', password: 'p', source_fields: { password: 'x' } } },
        400,
        'input_invalid',
        'auth_credentials.source_fields.password',
      ],
      [
        {
          source_id: sourceId,
          auth_method: 'username_password',
          auth_credentials: { username: 'u', password: 'p', source_fields: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'v'])) },
        },
        400,
        'input_invalid',
        'auth_credentials.source_fields',
      ],
    ]
    for (const [body, status, code, field] of cases) {
      const res = await create(body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status)
      expect(res.body.errors[0].code).toBe(code)
      if (field) expect(res.body.errors[0].field).toBe(field)
    }
    expect((await ctx.client.get('/v2/credentials')).body.data).toEqual([])
  })

  it('lists with array filters (repeats, status[]=, comma lists) and external_id, newest first, paged', async () => {
    const ctx = await setup()
    // One tick apart: the list is newest first by created_at (ties by id).
    const a = await credential(ctx, 'user_good', { external_id: 'x' })
    await ctx.advance('1ms')
    const b = await credential(ctx, 'user_good')
    await ctx.advance('1ms')
    const c = await credential(ctx, 'user_good', { external_id: 'x' }, b.sourceId)
    await ctx.client.delete(`/v2/credentials/${c.credentialId}`)
    const ids = async (q: string) => (await ctx.client.get(`/v2/credentials?${q}`)).body.data.map((x: { id: string }) => x.id)
    expect(await ids('')).toEqual([c.credentialId, b.credentialId, a.credentialId])
    expect(await ids('status=deleted')).toEqual([c.credentialId])
    expect(await ids('status=unverified&status=deleted')).toEqual([c.credentialId, b.credentialId, a.credentialId])
    expect(await ids('status[]=unverified')).toEqual([b.credentialId, a.credentialId])
    expect(await ids(`source_id=${a.sourceId},${b.sourceId}&external_id=x`)).toEqual([c.credentialId, a.credentialId])
    expect(await ids(`source_id=${a.sourceId}`)).toEqual([a.credentialId])
    const page = (await ctx.client.get('/v2/credentials?limit=2')).body
    expect(page.has_more).toBe(true)
    expect((await ctx.client.get(`/v2/credentials?limit=2&cursor=${page.next_cursor}`)).body.data.map((x: { id: string }) => x.id)).toEqual([a.credentialId])
    const bad = await ctx.client.get('/v2/credentials?status=bogus')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'status' })
  })

  it('PATCH: external_id (null clears); new auth_credentials on a verified or invalid credential → unverified', async () => {
    const ctx = await setup()
    const { taskId } = await plainTask(ctx)
    const { credentialId } = await credential(ctx, 'user_good', { external_id: 'a' })
    expect((await ctx.client.patch(`/v2/credentials/${credentialId}`, { external_id: null })).body).toMatchObject({ external_id: null, status: 'unverified' })
    // A new password on an unverified credential changes nothing visible.
    expect((await ctx.client.patch(`/v2/credentials/${credentialId}`, { auth_credentials: { password: 'other' } })).body.status).toBe('unverified')
    await runOn(ctx, taskId, { credential_id: credentialId })
    await ctx.advance('0s')
    expect((await ctx.client.get(`/v2/credentials/${credentialId}`)).body.status).toBe('verified')
    const patched = await ctx.client.patch(`/v2/credentials/${credentialId}`, { auth_credentials: { username: 'user_mfa' } })
    expect(patched.body).toMatchObject({ status: 'unverified', auth_credentials: { username: 'user_mfa', key: null } })
    expect(eventTypes(ctx.emulator, ctx.key, 'credential.')).toEqual(['credential.created', 'credential.verified', 'credential.unverified'])
    const wrongType = await ctx.client.patch(`/v2/credentials/${credentialId}`, { external_id: 5 })
    expect(wrongType.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'external_id' })
  })

  it('DELETE: 200 deleted:true, idempotent, stays listable; PATCH and runs afterwards → 409 credential_deleted', async () => {
    const ctx = await setup()
    const { taskId } = await plainTask(ctx)
    const { credentialId } = await credential(ctx)
    const first = await ctx.client.delete(`/v2/credentials/${credentialId}`)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ id: credentialId, object: 'credential', status: 'deleted', deleted: true })
    const second = await ctx.client.delete(`/v2/credentials/${credentialId}`)
    expect(second.status).toBe(200)
    expect({ ...second.body, request_id: null }).toEqual({ ...first.body, request_id: null })
    expect(eventTypes(ctx.emulator, ctx.key, 'credential.')).toEqual(['credential.created', 'credential.deleted'])
    expect((await ctx.client.get(`/v2/credentials/${credentialId}`)).body.status).toBe('deleted')
    const patch = await ctx.client.patch(`/v2/credentials/${credentialId}`, { external_id: 'x' })
    expect(patch.status).toBe(409)
    expect(patch.body.errors[0].code).toBe('credential_deleted')
    const run = await ctx.client.post(`/v2/tasks/${taskId}/run`, { credential_id: credentialId })
    expect(run.status).toBe(409)
    expect(run.body.errors[0].code).toBe('credential_deleted')
    expect((await ctx.client.get('/v2/credentials/cred_missing')).body.errors[0].code).toBe('credential_not_found')
  })

  it('the password appears in no response, event, journal entry or log line, and is wiped from memory on delete', async () => {
    const SENTINEL = 'S3ntinel-Passw0rd-zz9'
    const lines: string[] = []
    const ctx = await setup({ log: (line: string) => lines.push(line) })
    const { taskId } = await plainTask(ctx)
    const sourceId = await ctx.source()
    const bodies: string[] = []
    const created = await ctx.client.post('/v2/credentials', {
      source_id: sourceId,
      auth_method: 'username_password',
      auth_credentials: { username: 'user_mfa', password: SENTINEL },
    })
    bodies.push(JSON.stringify(created.body))
    const run = await runOn(ctx, taskId, { credential_id: created.body.id })
    bodies.push(JSON.stringify(await ctx.client.get(`/v2/task-runs/${run.id}?include=input`)))
    bodies.push(JSON.stringify((await ctx.client.post(`/v2/task-runs/${run.id}/interaction`, { input: { code: '123456' } })).body))
    bodies.push(JSON.stringify((await ctx.client.patch(`/v2/credentials/${created.body.id}`, { auth_credentials: { password: `${SENTINEL}2` } })).body))
    await ctx.advance('1s')
    const tenant = ctx.emulator.tenants.get(ctx.key)
    // Kept in the secret store, never in the tenant's data (which the store writes to its log).
    expect(tenant.secrets.get(`credential:${created.body.id}:password`)).toBe(`${SENTINEL}2`)
    expect(JSON.stringify(tenant.data)).not.toContain(SENTINEL)
    bodies.push(JSON.stringify((await ctx.client.delete(`/v2/credentials/${created.body.id}`)).body))
    bodies.push(JSON.stringify((await ctx.client.get('/v2/credentials')).body))
    bodies.push(JSON.stringify((await ctx.client.get('/v2/events?limit=100')).body))
    bodies.push(JSON.stringify((await ctx.client.get('/_emulator/requests?limit=100')).body))
    bodies.push(JSON.stringify(eventsOf(ctx.emulator, ctx.key)))
    for (const text of [...bodies, ...lines]) expect(text).not.toContain(SENTINEL)
    // Gone from the tenant's memory (and so from what the store writes next).
    expect(JSON.stringify(tenant.data)).not.toContain(SENTINEL)
    expect(tenant.secrets.get(`credential:${created.body.id}:password`)).toBeUndefined()
  })
})
