import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_CHROMIUMS } from '../src/browser/chromium.js'
import { browserEmulator } from './helpers/browser.js'

// Real headless Chromium against the emulator's own fake source site; one browser for the file.
const scenario = {
  name: 'browser-test',
  sources: [
    {
      id: 'src_web',
      name: 'Web Bank',
      login_with: 'browser',
      lockout_after: 2,
      accounts: [
        { username: 'alice', password: 'pw', login: [{ mfa: { code: '123456', max_attempts: 2 } }, 'connected'], session: { drop_after: '1m' } },
        {
          username: 'bob',
          password: 'pw',
          login: [
            { security_question: { question: 'First pet?', answer: 'rex' } },
            {
              account_selection: {
                accounts: [
                  { id: 'a1', name: 'Checking' },
                  { id: 'a2', name: 'Savings' },
                ],
              },
            },
            'connected',
          ],
        },
      ],
    },
    {
      // A short page timeout only where the test waits for it: the others keep the default 15 s for slow CI.
      id: 'src_stuck',
      name: 'Stuck Bank',
      login_with: { browser: { timeout: '1500ms' } },
      accounts: [{ username: 'stuck', password: 'pw', login: ['timeout'] }],
    },
    { id: 'src_scripted', name: 'Scripted Bank' },
  ],
}

let env: Awaited<ReturnType<typeof browserEmulator>>
beforeAll(async () => {
  env = await browserEmulator({ scenario })
})
afterAll(async () => {
  await env.emulator.close()
})

describe('browser login through the fake source site', () => {
  it('asks for the MFA code the real page shows, types the answer in, and connects', async () => {
    const t = env.tenant()
    const id = await t.connect('src_web', 'alice', 'pw')
    const pending = await t.waitFor(id, 'interaction_required')
    expect(pending.interaction).toEqual({
      type: 'mfa',
      message: 'Enter the 6-digit code we sent you',
      fields: [{ name: 'code', type: 'string', label: 'Verification code' }],
    })
    expect((await t.client.get(`/_emulator/connections/${id}/expected-answer`)).body.inputs).toEqual({ code: '123456' })
    await t.answer(id, { code: '123456' })
    const done = await t.waitFor(id, 'connected')
    expect(done.errors).toEqual([])
    const events = (await t.client.get('/v2/events?limit=50')).body
    if (Array.isArray(events?.data)) expect(events.data.map((e: any) => e.type)).toContain('connection.connected')
    // The browser used by these tests is the npm-shipped one unless the machine has a system Chromium.
    expect(env.emulator.browser.source).toBe(SYSTEM_CHROMIUMS.some((p) => existsSync(p)) ? 'system' : 'npm')
  })

  it('re-prompts after a wrong code, then ends invalid after too many', async () => {
    const t = env.tenant()
    const id = await t.connect('src_web', 'alice', 'pw')
    await t.waitFor(id, 'interaction_required')
    await t.answer(id, { code: '000000' })
    const again = await t.waitFor(id, 'interaction_required')
    expect(again.interaction.message).toMatch(/not accepted/)
    await t.answer(id, { code: '111111' })
    const invalid = await t.waitFor(id, 'invalid')
    expect(invalid.errors[0]).toMatchObject({ type: 'auth', code: 'auth_invalid', message: expect.stringMatching(/Too many wrong answers/) })
  })

  it('reads the question and the account options from the page', async () => {
    const t = env.tenant()
    const id = await t.connect('src_web', 'bob', 'pw')
    const q = await t.waitFor(id, 'interaction_required')
    expect(q.interaction).toMatchObject({ type: 'security_question', message: 'First pet?', fields: [{ name: 'answer', label: 'First pet?' }] })
    await t.answer(id, { answer: 'Rex' })
    const pick = await t.waitFor(id, 'interaction_required')
    expect(pick.interaction.fields[0]).toMatchObject({
      name: 'account_id',
      options: [
        { value: 'a1', label: 'Checking' },
        { value: 'a2', label: 'Savings' },
      ],
    })
    await t.answer(id, { account_id: 'a2' })
    await t.waitFor(id, 'connected')
  })

  it('rejects a wrong password with the error page, and locks the username out after lockout_after failures', async () => {
    const t = env.tenant()
    for (let i = 0; i < 2; i++) {
      const id = await t.connect('src_web', 'alice', 'nope')
      const bad = await t.waitFor(id, 'invalid')
      expect(bad.errors[0]).toMatchObject({ type: 'auth', code: 'auth_invalid', message: expect.stringMatching(/rejected the password/) })
    }
    const id = await t.connect('src_web', 'alice', 'pw')
    const locked = await t.waitFor(id, 'invalid')
    expect(locked.errors[0]).toMatchObject({ type: 'connection', code: 'blocked', message: expect.stringMatching(/locked/) })
  })

  it('ends disconnected with connection/timeout and the reason when the page never shows an outcome', async () => {
    const t = env.tenant()
    const id = await t.connect('src_stuck', 'stuck', 'pw')
    const gone = await t.waitFor(id, 'disconnected')
    expect(gone.errors[0]).toMatchObject({
      type: 'connection',
      code: 'timeout',
      message: expect.stringMatching(/No login outcome within 1.5s at http:\/\/127\.0\.0\.1:\d+\/_sources\/src_stuck\/step/),
    })
    await env.emulator.browser.idle()
    expect((await t.screenshots(id)).map((s) => s.step)).toEqual(['credentials_filled', 'timeout'])
  })

  it('a session drop logs the browser out of the site for real', async () => {
    const t = env.tenant()
    const id = await t.connect('src_web', 'alice', 'pw')
    await t.waitFor(id, 'interaction_required')
    await t.answer(id, { code: '123456' })
    await t.waitFor(id, 'connected')
    await t.advance('1m')
    const dropped = await t.waitFor(id, 'disconnected')
    expect(dropped.errors[0]).toMatchObject({ code: 'session_ended' })
    await env.emulator.browser.idle()
    const shots = await t.screenshots(id)
    expect(shots.at(-1)).toMatchObject({ step: 'logged_out', url: expect.stringMatching(/\/_sources\/src_web\/account$/) })

    // Reopen logs in again through the browser with the stored credentials.
    expect((await t.client.post(`/v2/connections/${id}/reopen`)).body.status).toBe('connecting')
    await t.waitFor(id, 'interaction_required')
    await t.answer(id, { code: '123456' })
    await t.waitFor(id, 'connected')
  })

  it('closes the browser context when the connection leaves connected/interaction_required', async () => {
    const t = env.tenant()
    await env.emulator.browser.idle()
    const before = env.emulator.browser.open
    const asking = await t.connect('src_web', 'alice', 'pw')
    const connected = await t.connect('src_web', 'user_good', 'pw')
    await t.waitFor(asking, 'interaction_required')
    await t.waitFor(connected, 'connected')
    expect(env.emulator.browser.open).toBe(before + 2)
    await t.advance('5m') // interaction timeout on the tenant clock
    expect((await t.waitFor(asking, 'disconnected')).errors[0].code).toBe('interaction_timeout')
    expect((await t.client.post(`/v2/connections/${connected}/disconnect`)).body.status).toBe('terminated')
    await env.emulator.browser.idle()
    expect(env.emulator.browser.open).toBe(before)
  })

  it('serves each step as a PNG', async () => {
    const t = env.tenant()
    const id = await t.connect('src_web', 'alice', 'pw')
    await t.waitFor(id, 'interaction_required')
    await env.emulator.browser.idle()
    const shots = await t.screenshots(id)
    expect(shots.map((s) => s.step)).toEqual(['credentials_filled', 'interaction_mfa'])
    // Stamped on the tenant's manual clock (which has not moved), not the wall clock.
    const now = await env.emulator.clock.now(t.key)
    expect((shots as unknown as { taken_at: string }[]).map((s) => s.taken_at)).toEqual([now, now])
    const png = await env.emulator.fetch(shots[1]!.image_url, { headers: { authorization: `Bearer ${t.key}` } })
    expect(png.headers.get('content-type')).toBe('image/png')
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    expect((await t.client.get(`/_emulator/connections/${id}/screenshots/99.png`)).body.errors[0].code).toBe('screenshot_not_found')
    expect((await t.client.get('/_emulator/connections/conn_nope/screenshots')).status).toBe(404)
  })

  it('leaves scripted sources scripted', async () => {
    const t = env.tenant()
    const id = await t.connect('src_scripted', 'user_good', 'pw')
    await t.waitFor(id, 'connected')
    expect(await t.screenshots(id)).toEqual([])
  })
})
