import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserEmulator } from './helpers/browser.js'

// Credentials generation, `login_with: browser`: a real headless Chromium performs the session's login.
const scenario = {
  name: 'browser-credentials',
  sources: [
    {
      id: 'src_web',
      name: 'Web Bank',
      login_with: 'browser',
      accounts: [{ username: 'alice', password: 'pw', login: [{ mfa: { code: '123456', max_attempts: 2 } }, 'connected'] }],
    },
  ],
  agents: [{ id: 'agt_a', name: 'A' }],
  tasks: [{ id: 'task_t', agent_id: 'agt_a', name: 'T', run: [{ output: { ok: true } }] }],
}

let env: Awaited<ReturnType<typeof browserEmulator>>
beforeAll(async () => {
  env = await browserEmulator({ scenario })
})
afterAll(async () => {
  await env.emulator.close()
})

describe('browser login inside a credentials run', () => {
  it('the real page asks for the code on the run; the answer is typed in; credential verified, run completed; a wrong password → invalid', async () => {
    const t = env.tenant()
    const wait = async (query: string) => {
      const res = await t.client.get(`/_emulator/wait?${query}&timeout=30s`)
      if (res.status !== 200) throw new Error(`wait ${query}: ${JSON.stringify(res.body)}`)
      return res.body
    }
    const cred = (
      await t.client.post('/v2/credentials', {
        source_id: 'src_web',
        auth_method: 'username_password',
        auth_credentials: { username: 'alice', password: 'pw' },
      })
    ).body.id
    const run = (await t.client.post('/v2/tasks/task_t/run', { credential_id: cred })).body
    const asked = await wait(`task_run=${run.id}&status=interaction_required`)
    expect(asked.interaction).toMatchObject({ type: 'mfa', fields: [{ name: 'code' }] })
    await t.client.post(`/v2/task-runs/${run.id}/interaction`, { input: { code: '123456' } })
    expect((await wait(`task_run=${run.id}&status=completed,failed`)).status).toBe('completed')
    expect((await t.client.get(`/v2/credentials/${cred}`)).body.status).toBe('verified')

    const bad = (
      await t.client.post('/v2/credentials', {
        source_id: 'src_web',
        auth_method: 'username_password',
        auth_credentials: { username: 'alice', password: 'nope' },
      })
    ).body.id
    const failed = (await t.client.post('/v2/tasks/task_t/run', { credential_id: bad })).body
    expect((await wait(`task_run=${failed.id}&status=failed,completed`)).errors[0]).toMatchObject({ type: 'auth', code: 'auth_invalid' })
    expect((await t.client.get(`/v2/credentials/${bad}`)).body.status).toBe('invalid')
    await env.emulator.browser.idle()
  })
})
