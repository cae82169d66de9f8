import { describe, expect, it } from 'vitest'
import { tenantHandle } from '../src/pages/site-sessions.js'
import { setup } from './helpers/api.js'

// The fake source website over plain HTTP (no browser): what a person clicking through it gets.
const scenario = {
  name: 'site',
  sources: [
    {
      id: 'src_site',
      name: 'Site Bank',
      lockout_after: 2,
      accounts: [{ username: 'alice', password: 'pw', login: [{ mfa: { code: '123456' } }, 'connected'] }],
    },
  ],
}

function browserLike(fetcher: (input: string, init?: RequestInit) => Promise<Response>) {
  let cookie = ''
  return async (path: string, form?: Record<string, string>) => {
    const res = await fetcher(path, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    })
    const set = res.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0]!
    return { status: res.status, location: res.headers.get('location'), html: await res.text() }
  }
}

describe('fake source site', () => {
  it('walks login → MFA → account with its own session cookie, then logs out', async () => {
    const { emulator } = await setup({ scenario })
    const go = browserLike((p, i) => emulator.fetch(p, i))
    const login = await go('/_sources/src_site/login')
    expect(login.html).toContain('data-testid="login-form"')
    expect(login.html).toContain('<style>')
    expect(login.html).not.toMatch(/<link|<script src|https?:\/\/(?!bank)/)
    expect((await go('/_sources/src_site/login', { username: 'alice', password: 'pw' })).location).toBe('/_sources/src_site/step')
    const mfa = await go('/_sources/src_site/step')
    expect(mfa.html).toContain('data-testid="mfa-form"')
    await go('/_sources/src_site/step', { code: '000000' })
    expect((await go('/_sources/src_site/step')).html).toContain('not accepted')
    expect((await go('/_sources/src_site/step', { code: '123456' })).location).toBe('/_sources/src_site/step')
    expect((await go('/_sources/src_site/step')).location).toBe('/_sources/src_site/account')
    expect((await go('/_sources/src_site/account')).html).toContain('data-testid="login-success"')
    await go('/_sources/src_site/logout', {})
    const after = await go('/_sources/src_site/account')
    expect(after.status).toBe(401)
    expect(after.html).toContain('data-testid="session-expired"')
    await emulator.close()
  })

  it('shows the error page, then the lockout page after lockout_after failures', async () => {
    const { emulator } = await setup({ scenario })
    const go = browserLike((p, i) => emulator.fetch(p, i))
    for (let i = 0; i < 2; i++) {
      await go('/_sources/src_site/login', { username: 'alice', password: 'bad' })
      expect((await go('/_sources/src_site/step')).html).toContain('data-testid="login-error"')
    }
    await go('/_sources/src_site/login', { username: 'alice', password: 'pw' })
    const locked = await go('/_sources/src_site/step')
    expect(locked.status).toBe(403)
    expect(locked.html).toContain('data-testid="lockout"')
    await emulator.close()
  })

  it('serves magic credentials for API-created sources, per tenant handle', async () => {
    const { emulator, client, key, source } = await setup()
    const id = await source('Made by API')
    const go = browserLike((p, i) => emulator.fetch(p, i))
    expect((await go(`/_sources/${id}/login?tenant=${tenantHandle(key)}`)).html).toContain('Made by API')
    await go(`/_sources/${id}/login`, { username: 'user_question', password: 'x' })
    expect((await go(`/_sources/${id}/step`)).html).toContain('What was the name of your first pet?')
    expect(client.key).toBe(key)
    await emulator.close()
  })

  it('answers every page page_delay later', async () => {
    const { emulator } = await setup({ scenario: { name: 'slow', sources: [{ id: 'src_slow', page_delay: '200ms' }] } })
    const started = performance.now()
    expect((await emulator.fetch('/_sources/src_slow/login')).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(190)
    await emulator.close()
  })

  it('answers unknown sources and pages with a 404 page, never a 500', async () => {
    const { emulator } = await setup({ scenario })
    const go = browserLike((p, i) => emulator.fetch(p, i))
    expect((await go('/_sources/src_nope/login')).status).toBe(404)
    expect((await go('/_sources/src_site/login?tenant=tnothing')).status).toBe(404)
    expect((await go('/_sources/src_site/nope')).status).toBe(404)
    expect((await go('/_sources/src_site/step', {})).status).toBe(401)
    const broken = await emulator.fetch('/_sources/src_site/login', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=zz' },
      body: '--zz\r\nbroken',
    })
    expect(broken.status).toBe(200)
    await emulator.close()
  })
})
