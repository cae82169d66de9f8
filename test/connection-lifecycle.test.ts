import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'

/** The event types recorded for a connection, oldest first. */
function eventsOf(t: Awaited<ReturnType<typeof setup>>, id: string) {
  return t.emulator.tenants
    .get(t.key)
    .data.events.filter((e) => e.data.id === id)
    .map((e) => e.type)
}

describe('connection lifecycle through the API (every transition of the contract table)', () => {
  it('connecting → connected → disconnected (idle timeout, 10 min default) → connecting (reopen) → connected → terminated', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_good')
    expect(await t.status(id)).toBe('connected')
    await t.advance('9m')
    expect(await t.status(id)).toBe('connected')
    await t.advance('1m')
    const dropped = await t.client.get(`/v2/connections/${id}`)
    expect(dropped.body).toMatchObject({ status: 'disconnected', errors: [{ type: 'connection', code: 'session_ended' }] })
    await t.client.post(`/v2/connections/${id}/reopen`)
    expect(await t.status(id)).toBe('connected')
    await t.client.post(`/v2/connections/${id}/disconnect`)
    expect(eventsOf(t, id)).toEqual([
      'connection.connecting',
      'connection.connected',
      'connection.disconnected',
      'connection.connecting',
      'connection.connected',
      'connection.terminated',
    ])
  })

  it('connecting → interaction_required → connecting → connected (MFA)', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_mfa')
    const pending = await t.client.get(`/v2/connections/${id}`)
    expect(pending.body).toMatchObject({
      status: 'interaction_required',
      interaction: { type: 'mfa', fields: [{ name: 'code', type: 'string', label: 'Verification code' }] },
    })
    const answered = await t.client.post(`/v2/connections/${id}/interaction`, { inputs: { code: '123456' } })
    expect(answered.body.status).toBe('connecting')
    expect(await t.status(id)).toBe('connected')
    expect(eventsOf(t, id)).toEqual(['connection.connecting', 'connection.interaction_required', 'connection.connecting', 'connection.connected'])
  })

  it('interaction_required → disconnected when unanswered for 5 min (interaction_timeout)', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_question')
    await t.advance('4m')
    expect(await t.status(id)).toBe('interaction_required')
    await t.advance('1m')
    const res = await t.client.get(`/v2/connections/${id}`)
    expect(res.body).toMatchObject({ status: 'disconnected', interaction: null, errors: [{ type: 'interaction', code: 'interaction_timeout' }] })
  })

  it('security question and account selection connect with the right answers', async () => {
    const t = await setup()
    const src = await t.source()
    const q = await t.connect(src, 'user_question')
    expect((await t.client.get(`/v2/connections/${q}`)).body.interaction).toMatchObject({
      type: 'security_question',
      message: 'What was the name of your first pet?',
      fields: [{ name: 'answer' }],
    })
    await t.client.post(`/v2/connections/${q}/interaction`, { inputs: { answer: 'rex' } })
    expect(await t.status(q)).toBe('connected')
    const a = await t.connect(src, 'user_accounts')
    const pending = await t.client.get(`/v2/connections/${a}`)
    const field = pending.body.interaction.fields[0]
    expect(field.name).toBe('account_id')
    expect(field.options).toHaveLength(2)
    await t.client.post(`/v2/connections/${a}/interaction`, { inputs: { account_id: field.options[1].value } })
    expect(await t.status(a)).toBe('connected')
  })

  it('connecting → invalid for rejected credentials (user_invalid, or password "wrong") and for a block', async () => {
    const t = await setup()
    const src = await t.source()
    const bad = await t.connect(src, 'user_invalid')
    const wrong = await t.connect(src, 'someone', 'wrong')
    const locked = await t.connect(src, 'user_locked')
    expect((await t.client.get(`/v2/connections/${bad}`)).body).toMatchObject({ status: 'invalid', errors: [{ type: 'auth', code: 'auth_invalid' }] })
    expect(await t.status(wrong)).toBe('invalid')
    expect((await t.client.get(`/v2/connections/${locked}`)).body).toMatchObject({ status: 'invalid', errors: [{ type: 'connection', code: 'blocked' }] })
    // invalid → terminated is the only way out
    expect((await t.client.post(`/v2/connections/${bad}/reopen`)).status).toBe(409)
    expect((await t.client.post(`/v2/connections/${bad}/disconnect`)).body.status).toBe('terminated')
  })

  it('user_drop: connected → disconnected after 1 min; user_slow connects after 5 s', async () => {
    const t = await setup()
    const src = await t.source()
    const drop = await t.connect(src, 'user_drop')
    const slow = await t.connect(src, 'user_slow')
    expect(await t.status(drop)).toBe('connected')
    expect(await t.status(slow)).toBe('connecting')
    await t.advance('5s')
    expect(await t.status(slow)).toBe('connected')
    await t.advance('55s')
    expect(await t.status(drop)).toBe('disconnected')
  })

  it('scripted: connecting → disconnected (login timeout) and connected → invalid (credentials changed)', async () => {
    const t = await setup({
      scenario: {
        name: 'timeouts',
        sources: [
          {
            id: 'src_flaky',
            accounts: [
              { username: 'slowpoke', login: [{ delay: '30s' }, 'timeout'] },
              { username: 'changer', login: ['connected'], session: { invalidate_after: '2m' } },
            ],
          },
        ],
      },
    })
    const slow = await t.connect('src_flaky', 'slowpoke')
    const changer = await t.connect('src_flaky', 'changer')
    await t.advance('30s')
    expect((await t.client.get(`/v2/connections/${slow}`)).body).toMatchObject({ status: 'disconnected', errors: [{ type: 'connection', code: 'timeout' }] })
    await t.advance('90s')
    expect((await t.client.get(`/v2/connections/${changer}`)).body).toMatchObject({ status: 'invalid', errors: [{ code: 'auth_invalid' }] })
  })

  it('scripted: reopen after expire_credentials_after → invalid', async () => {
    const t = await setup({
      scenario: {
        name: 'expiry',
        sources: [
          { id: 'src_x', accounts: [{ username: 'u', password: 'p', login: ['connected'], session: { drop_after: '1m', expire_credentials_after: '1h' } }] },
        ],
      },
    })
    const id = await t.connect('src_x', 'u', 'p')
    await t.advance('1m')
    await t.client.post(`/v2/connections/${id}/reopen`)
    expect(await t.status(id)).toBe('connected')
    await t.advance('59m')
    expect(await t.status(id)).toBe('disconnected')
    await t.client.post(`/v2/connections/${id}/reopen`)
    expect(await t.status(id)).toBe('invalid')
  })

  it('login_delay keeps the connection connecting until the clock reaches it', async () => {
    const t = await setup({ scenario: { name: 'delay', sources: [{ id: 'src_slow', login_delay: '300ms' }] } })
    const id = await t.connect('src_slow', 'user_mfa')
    await t.advance('299ms')
    expect(await t.status(id)).toBe('connecting')
    await t.advance('1ms')
    expect(await t.status(id)).toBe('interaction_required')
  })

  it('never returns or records the password', async () => {
    const t = await setup()
    const id = await t.connect(await t.source(), 'user_mfa', 'sup3r-s3cret-pw')
    await t.client.post(`/v2/connections/${id}/interaction`, { inputs: { code: '123456' } })
    const tenant = t.emulator.tenants.get(t.key)
    expect(JSON.stringify(tenant.data.events)).not.toContain('sup3r-s3cret-pw')
    expect(JSON.stringify((await t.client.get('/v2/connections')).body)).not.toContain('sup3r-s3cret-pw')
  })
})
