import { chromium } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { CHROMIUM_ARGS, chromiumExecutable, ENV_VAR, locateChromium } from '../src/browser/chromium.js'
import { createEmulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'

const scenario = { name: 'no-browser', sources: [{ id: 'src_web', login_with: 'browser' }, { id: 'src_plain' }] }

describe('finding Chromium', () => {
  const saved = process.env[ENV_VAR]
  afterEach(() => {
    if (saved === undefined) delete process.env[ENV_VAR]
    else process.env[ENV_VAR] = saved
  })

  it('ships one with npm install: found with no system browser, unpacked, and it starts', async () => {
    delete process.env[ENV_VAR]
    const location = locateChromium(undefined, [])
    expect(location).toMatchObject({ ok: true, source: 'npm' })
    if (!location.ok) return
    const path = await chromiumExecutable(location)
    const browser = await chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS })
    try {
      expect(browser.version()).toMatch(/^\d+\./)
    } finally {
      await browser.close()
    }
  })

  it('prefers --chromium, then the environment variable', () => {
    process.env[ENV_VAR] = '/bin/sh'
    expect(locateChromium('/bin/true', [])).toMatchObject({ ok: true, source: 'option', path: '/bin/true' })
    expect(locateChromium(undefined, [])).toMatchObject({ ok: true, source: 'env', path: '/bin/sh' })
  })
})

describe('without a browser', () => {
  it('refuses a browser login with an error naming the fix, and everything else still works', async () => {
    const emulator = await createEmulator({ scenario, chromium: '/nowhere/chromium', clock: 'manual' })
    try {
      const client = api((input, init) => emulator.fetch(input, init), freshKey('nobrowser'))
      const create = (source_id: string) =>
        client.post('/v2/connections', { source_id, auth_method: 'username_password', auth_credentials: { username: 'user_good', password: 'pw' } })
      const refused = await create('src_web')
      expect(refused.status).toBe(503)
      expect(refused.body.errors[0]).toMatchObject({ type: 'source', code: 'browser_unavailable' })
      expect(refused.body.errors[0].message).toContain('No Chromium at /nowhere/chromium (given by --chromium)')
      expect(refused.body.errors[0].message).toContain('Fix: run `npm install`')
      expect((await client.get('/v2/connections')).body.data).toEqual([])

      const ok = await create('src_plain')
      expect(ok.status).toBe(201)
      expect((await client.get(`/v2/connections/${ok.body.id}`)).body.status).toBe('connected')
      expect(emulator.browser.source).toBeUndefined()
    } finally {
      await emulator.close()
    }
  })
})
