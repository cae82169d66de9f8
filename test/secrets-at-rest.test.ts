import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { exited, startCli, tempDir } from './helpers/cli.js'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const dbDir = (label: string) => {
  const dir = tempDir(label)
  dirs.push(dir)
  return dir
}

/** Every file under the database directory that contains `needle` (as text or base64). */
function filesWith(dir: string, needle: string): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name)
    if (!statSync(path).isFile()) continue
    const bytes = readFileSync(path)
    if (bytes.includes(needle) || bytes.includes(Buffer.from(needle).toString('base64'))) found.push(name)
  }
  return found
}

const scenario = (password: string) =>
  [
    'name: vault',
    'sources:',
    '  - id: src_vault',
    '    login_delay: 0s',
    '    accounts:',
    '      - username: alice',
    `        password: "${password}"`,
    '        login: [connected]',
  ].join('\n')

const sourceBody = { type: 'website', name: 'Vault', website: { url: 'https://vault.example.com' } }

/** A connection (magic credentials) that logged in with a sentinel password, created with an Idempotency-Key. */
async function withSentinel(emulator: Emulator, key: string, password: string) {
  const client = api(emulator.fetch, key)
  const source = (await client.post('/v2/sources', sourceBody)).body.id as string
  const created = await client.post(
    '/v2/connections',
    { source_id: source, auth_method: 'username_password', auth_credentials: { username: 'user_good', password } },
    { 'idempotency-key': 'idem-1' },
  )
  expect(created.status).toBe(201)
  await client.post('/_emulator/clock/advance', { by: '1s' })
  return { client, id: created.body.id as string }
}

describe('secrets at rest', () => {
  it('keeps a password only in the secrets file, uses it after a restart, and erases it on disconnect (clean stop, compaction)', async () => {
    const dir = dbDir('secrets')
    const path = join(dir, 'db.json')
    const key = freshKey('vault')
    const password = `S3NT1NEL-${randomUUID()}`
    let emulator = await createEmulator({ clock: 'manual', storage: { type: 'file', path } })
    const { id, client: first } = await withSentinel(emulator, key, password)
    expect((await first.get(`/v2/connections/${id}`)).body.status).toBe('connected')
    // The sentinel is findable, only where it belongs: the audit below can see a leak.
    expect(filesWith(dir, password)).toEqual(['db.json.secrets'])
    await emulator.close()
    expect(filesWith(dir, password)).toEqual(['db.json.secrets'])

    // After a restart the stored password still logs in (reopen reuses the credentials).
    emulator = await createEmulator({ clock: 'manual', storage: { type: 'file', path, compactBytes: 1 } })
    let client = api(emulator.fetch, key)
    expect((await client.post(`/v2/connections/${id}/disconnect`)).status).toBe(200)
    expect(filesWith(dir, password)).toEqual([])
    await emulator.close() // compacts (compactBytes: 1 also compacts after every batch)
    expect(filesWith(dir, password)).toEqual([])

    emulator = await createEmulator({ clock: 'manual', storage: { type: 'file', path } })
    client = api(emulator.fetch, key)
    expect((await client.get(`/v2/connections/${id}`)).body.status).toBe('terminated')
    await emulator.close()
    expect(filesWith(dir, password)).toEqual([])
  })

  it('reuses the stored password after a restart', async () => {
    const dir = dbDir('secrets-reopen')
    const path = join(dir, 'db.json')
    const key = freshKey('vault')
    const password = `S3NT1NEL-${randomUUID()}`
    let emulator = await createEmulator({ clock: 'manual', storage: { type: 'file', path } })
    // A scripted account: a reopen with a lost password would end `invalid`.
    const client = api(emulator.fetch, key)
    expect((await client.put('/_emulator/scenario', scenario(password), { 'content-type': 'application/yaml' })).status).toBe(200)
    const id = (
      await client.post('/v2/connections', { source_id: 'src_vault', auth_method: 'username_password', auth_credentials: { username: 'alice', password } })
    ).body.id as string
    await client.post('/_emulator/clock/advance', { by: '1s' })
    expect((await client.get(`/v2/connections/${id}`)).body.status).toBe('connected')
    await client.post(`/_emulator/connections/${id}/transition`, { status: 'disconnected' })
    await emulator.close()
    emulator = await createEmulator({ clock: 'manual', storage: { type: 'file', path } })
    const after = api(emulator.fetch, key)
    expect((await after.post(`/v2/connections/${id}/reopen`)).status).toBe(200)
    await after.post('/_emulator/clock/advance', { by: '1s' })
    // A wrong (missing) password would be `invalid` for this scripted account.
    expect((await after.get(`/v2/connections/${id}`)).body.status).toBe('connected')
    await emulator.close()
  })

  it('leaves no copy on disk when the process is killed with SIGKILL right after the disconnect answer', async () => {
    const dir = dbDir('secrets-kill9')
    const path = join(dir, 'db.json')
    const key = freshKey('vault')
    const password = `S3NT1NEL-${randomUUID()}`
    const { child, url } = await startCli(['--db', path, '--port', '0', '--clock', 'manual', '--quiet'])
    try {
      const client = api((p, init) => fetch(url + p, init), key)
      const source = (await client.post('/v2/sources', sourceBody)).body.id as string
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        const res = await client.post(
          '/v2/connections',
          { source_id: source, auth_method: 'username_password', auth_credentials: { username: i % 2 ? 'user_mfa' : 'user_good', password } },
          { 'idempotency-key': `k${i}` },
        )
        ids.push(res.body.id)
      }
      expect(filesWith(dir, password)).toEqual(['db.json.secrets'])
      for (const id of ids) expect((await client.post(`/v2/connections/${id}/disconnect`)).status).toBe(200)
      child.kill('SIGKILL')
      await exited(child)
      expect(filesWith(dir, password)).toEqual([])
    } finally {
      child.kill('SIGKILL')
    }
  })

  it("keeps a credential's password only in the secrets file and erases it on DELETE (clean stop, compaction, SIGKILL)", async () => {
    const dir = dbDir('secrets-credentials')
    const path = join(dir, 'db.json')
    const key = freshKey('vault')
    const password = `S3NT1NEL-${randomUUID()}`
    const { child, url } = await startCli(['--db', path, '--port', '0', '--clock', 'manual', '--quiet'])
    try {
      const client = api((p, init) => fetch(url + p, init), key)
      const source = (await client.post('/v2/sources', sourceBody)).body.id as string
      const ids: string[] = []
      for (let i = 0; i < 3; i++) {
        const res = await client.post(
          '/v2/credentials',
          { source_id: source, auth_method: 'username_password', auth_credentials: { username: 'user_good', password } },
          { 'idempotency-key': `c${i}` },
        )
        expect(res.status).toBe(201)
        ids.push(res.body.id)
      }
      // A PATCH with the same password again, then a login inside a run, so every code path has seen it.
      expect((await client.patch(`/v2/credentials/${ids[0]}`, { auth_credentials: { username: 'user_good', password } })).status).toBe(200)
      expect(filesWith(dir, password)).toEqual(['db.json.secrets'])
      for (const id of ids) expect((await client.delete(`/v2/credentials/${id}`)).status).toBe(200)
      child.kill('SIGKILL')
      await exited(child)
      expect(filesWith(dir, password)).toEqual([])
    } finally {
      child.kill('SIGKILL')
    }
    // After a restart (which replays the log) and a compacting stop, still nowhere.
    const emulator = await createEmulator({ clock: 'manual', storage: { type: 'file', path, compactBytes: 1 } })
    const after = api(emulator.fetch, key)
    expect((await after.get('/v2/credentials?status=deleted')).body.data).toHaveLength(3)
    await emulator.close()
    expect(filesWith(dir, password)).toEqual([])
  })

  it('erases a webhook secret replaced by PATCH at once, and a rotated one when it stops signing', async () => {
    const dir = dbDir('secrets-webhook')
    const path = join(dir, 'db.json')
    const emulator = await createEmulator({ clock: 'manual', storage: { type: 'file', path } })
    const client = api(emulator.fetch, freshKey('hooks'))
    const first = `whsec_${Buffer.from(randomUUID()).toString('base64')}`
    const created = await client.post('/v2/event-destinations', {
      name: 'w',
      type: 'webhook',
      events: ['*'],
      webhook: { url: 'https://h.example.com', secret: first },
    })
    expect(created.status).toBe(201)
    expect(filesWith(dir, first)).toEqual(['db.json.secrets'])
    const second = `whsec_${Buffer.from(randomUUID()).toString('base64')}`
    expect((await client.patch(`/v2/event-destinations/${created.body.id}`, { webhook: { secret: second } })).status).toBe(200)
    expect(filesWith(dir, first)).toEqual([])
    const rotated = await client.post(`/v2/event-destinations/${created.body.id}/rotate-secret`)
    expect(rotated.status).toBe(200)
    expect(filesWith(dir, second)).toEqual(['db.json.secrets']) // still signing for 24 h
    await client.post('/_emulator/clock/advance', { by: '23h' })
    expect(filesWith(dir, second)).toEqual(['db.json.secrets'])
    await client.post('/_emulator/clock/advance', { by: '1h' })
    expect(filesWith(dir, second)).toEqual([])
    expect(filesWith(dir, rotated.body.webhook.secret)).toEqual(['db.json.secrets'])
    await emulator.close()
  })
})
