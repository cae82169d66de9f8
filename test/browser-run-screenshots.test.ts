import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserEmulator } from './helpers/browser.js'
import { bytesOf, pngInfo } from './helpers/files.js'

// A task run on a connection whose source logs in with a real browser shows Chromium's screenshot, not a generated one.
const scenario = {
  name: 'browser-run-screenshots',
  sources: [{ id: 'src_web', name: 'Web Bank', login_with: 'browser', accounts: [{ username: 'carol', password: 'pw', login: ['connected'] }] }],
  agents: [{ id: 'agt_a', name: 'A' }],
  tasks: [{ id: 'task_t', agent_id: 'agt_a', name: 'T', run: [{ duration: '6s' }] }],
}

let env: Awaited<ReturnType<typeof browserEmulator>>
beforeAll(async () => {
  env = await browserEmulator({ scenario })
})
afterAll(async () => {
  await env.emulator.close()
})

describe('task run screenshots of a browser-login source', () => {
  it('are the real Chromium screenshot of the fake site', async () => {
    const t = env.tenant()
    const id = await t.connect('src_web', 'carol', 'pw')
    await t.waitFor(id, 'connected')
    const login = await t.screenshots(id)
    const real = await bytesOf(await env.emulator.fetch(login.at(-1)!.image_url, { headers: { authorization: `Bearer ${t.key}` } }))
    const run = (await t.client.post('/v2/tasks/task_t/run', { connection_id: id })).body.id
    // While the run is live too.
    const [live] = (await t.client.get(`/v2/task-runs/${run}/screenshots`)).body.data
    expect((await bytesOf(await env.emulator.fetch(live.url))).equals(real)).toBe(true)
    await t.advance('6s')
    const shots = (await t.client.get(`/v2/task-runs/${run}/screenshots`)).body.data
    expect(shots).toHaveLength(2)
    for (const shot of shots) {
      const bytes = await bytesOf(await env.emulator.fetch(shot.url))
      expect(bytes.equals(real)).toBe(true)
      expect(shot.file_size).toBe(real.length)
      expect(pngInfo(bytes).width).toBeGreaterThan(320)
    }
  }, 60_000)
})
