import { describe, expect, it } from 'vitest'
import { createDeckClient, createEmulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { exited, runCli, startCli } from './helpers/cli.js'

describe('the api setting through the CLI; GET /v2/test through the typed client', () => {
  it('CLI --api credentials pins every tenant and says so at start; a bad value exits 2 with one clear line', async () => {
    const { child, url, output } = await startCli(['--in-memory', '--port', '0', '--api', 'credentials'])
    try {
      expect(output()).toMatch(/API\s+credentials generation only/)
      const client = api((p, i) => fetch(url + p, i), freshKey('cli'))
      const res = await client.get('/v2/connections')
      expect(res.status).toBe(404)
      expect(res.body.errors[0].message).toMatch(/^this tenant serves the credentials generation; GET \/v2\/connections/)
      expect((await client.get('/v2/test')).body).toMatchObject({ status: 'ready', environment: 'live', request_id: expect.stringMatching(/^req_/) })
    } finally {
      child.kill('SIGINT')
      await exited(child)
    }
    const bad = await runCli(['--in-memory', '--api', 'graphql'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim()).toBe('deck-emulator: --api must be one of both, connections, credentials, got graphql')
  })

  it('GET /v2/test needs a valid key (it is the key check) and answers in both generations', async () => {
    const emulator = await createEmulator({ clock: 'manual' })
    const noKey = await emulator.fetch('/v2/test')
    expect(noKey.status).toBe(401)
    expect((await noKey.json()).errors[0].code).toBe('api_key_invalid')
    const client = createDeckClient({ apiKey: freshKey('test'), fetch: emulator.fetch })
    expect(await client.test()).toEqual({ status: 'ready', environment: 'live' })
    const res = await emulator.fetch('/v2/test', { headers: { authorization: `Bearer ${freshKey('test')}` } })
    expect(res.headers.get('x-request-id')).toMatch(/^req_/)
    await emulator.close()
  })
})
