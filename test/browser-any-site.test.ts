import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserEmulator } from './helpers/browser.js'
import { startOutsideSite } from './helpers/outside-login-site.js'

// The driver pointed at a login page that is not part of the project, described by selectors only.
let site: Awaited<ReturnType<typeof startOutsideSite>>
let env: Awaited<ReturnType<typeof browserEmulator>>

const target = (url: string, timeout = '15s') => ({
  browser: {
    url,
    timeout,
    username_selector: '#email',
    password_selector: '#pw',
    submit_selector: '#go',
    success_selector: '.dashboard',
    error_selector: '.alert',
    interaction: { type: 'mfa', selector: '.otp-box', input_selector: '#otp', submit_selector: '#verify', message_selector: '.msg' },
  },
})

/** A loopback port nobody listens on. */
async function deadPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

beforeAll(async () => {
  site = await startOutsideSite()
  const down = await deadPort()
  env = await browserEmulator({
    scenario: {
      name: 'outside-site',
      sources: [
        { id: 'src_staging', name: 'Staging', login_with: target(`${site.url}/login`) },
        { id: 'src_stuck', name: 'Stuck', login_with: target(`${site.url}/stuck`, '1s') },
        { id: 'src_down', name: 'Down', login_with: target(`http://127.0.0.1:${down}/login`) },
      ],
    },
  })
})
afterAll(async () => {
  await env.emulator.close()
  await site.close()
})

describe('browser login against any website', () => {
  it('logs in with MFA on an outside login page, re-prompting after a wrong code', async () => {
    const t = env.tenant()
    const id = await t.connect('src_staging', 'ann@example.com', 'secret')
    const pending = await t.waitFor(id, 'interaction_required')
    expect(pending.interaction).toEqual({
      type: 'mfa',
      message: 'We texted a code to +1 ••• 88',
      fields: [{ name: 'code', type: 'string', label: 'SMS code' }],
    })
    await t.answer(id, { code: '1111' })
    const again = await t.waitFor(id, 'interaction_required')
    expect(again.interaction.message).toBe('Wrong code, try again')
    await t.answer(id, { code: '4242' })
    await t.waitFor(id, 'connected')
    await env.emulator.browser.idle()
    expect((await t.screenshots(id)).map((s) => s.step)).toEqual([
      'credentials_filled',
      'interaction_mfa',
      'answer_filled',
      'interaction_mfa',
      'answer_filled',
      'connected',
    ])
  })

  it('takes the text of the error element as the reason for invalid', async () => {
    const t = env.tenant()
    const id = await t.connect('src_staging', 'ann@example.com', 'guess')
    const bad = await t.waitFor(id, 'invalid')
    expect(bad.errors).toEqual([{ type: 'auth', code: 'auth_invalid', message: 'Wrong email or password' }])
  })

  it('times out with the reason when no outcome selector ever appears', async () => {
    const t = env.tenant()
    const id = await t.connect('src_stuck', 'ann@example.com', 'secret')
    const gone = await t.waitFor(id, 'disconnected')
    expect(gone.errors[0]).toMatchObject({
      type: 'connection',
      code: 'timeout',
      message: expect.stringContaining(`No login outcome within 1s at ${site.url}/stuck`),
    })
  })

  it('reports a login page that does not load', async () => {
    const t = env.tenant()
    const id = await t.connect('src_down', 'ann@example.com', 'secret')
    const gone = await t.waitFor(id, 'disconnected')
    expect(gone.errors[0]).toMatchObject({ type: 'connection', code: 'timeout', message: expect.stringMatching(/did not load: .*ERR_CONNECTION_REFUSED/) })
  })
})
