import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/index.js'
import { api, freshKey, type Api } from './api.js'

/** One emulator (so one Chromium) per test file; each test takes a fresh tenant with `tenant()`. */
export async function browserEmulator(options: EmulatorOptions) {
  const emulator: Emulator = await createEmulator({ clock: 'manual', ...options })
  return {
    emulator,
    tenant() {
      const key = freshKey('browser')
      const client = api((input, init) => emulator.fetch(input, init), key)
      return { key, client, ...helpers(emulator, client, key) }
    },
  }
}

function helpers(emulator: Emulator, client: Api, key: string) {
  return {
    advance: (by: string) => emulator.clock.advance(by, key),
    async connect(source_id: string, username: string, password: string) {
      const res = await client.post('/v2/connections', { source_id, auth_method: 'username_password', auth_credentials: { username, password } })
      if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body.id as string
    },
    /** Polls until the connection reaches `status` (the browser runs on real time). */
    async waitFor(id: string, status: string, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs
      let last: any
      while (Date.now() < until) {
        last = (await client.get(`/v2/connections/${id}`)).body
        if (last.status === status) return last
        await new Promise((r) => setTimeout(r, 40))
      }
      throw new Error(`connection ${id} never reached ${status}; last: ${JSON.stringify(last)}`)
    },
    async answer(id: string, inputs: Record<string, string>) {
      const res = await client.post(`/v2/connections/${id}/interaction`, { inputs })
      if (res.status !== 200) throw new Error(`answer failed: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body
    },
    async screenshots(id: string) {
      return (await client.get(`/_emulator/connections/${id}/screenshots`)).body.data as { step: string; url: string; image_url: string }[]
    },
  }
}
