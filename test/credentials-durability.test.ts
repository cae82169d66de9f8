import { copyFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { tempDir } from './helpers/cli.js'

/** The files as a crash would leave them: copied while the emulator still runs (nothing flushed at close). */
function crashCopy(db: string): string {
  const copy = join(tempDir('credentials-crash-copy'), 'db.json')
  for (const suffix of ['', '.wal', '.wal.old', '.events', '.events.idx']) if (existsSync(db + suffix)) copyFileSync(db + suffix, copy + suffix)
  return copy
}

// credentials/world.ts creates the credentials generation's collections on first write
// (lazyCollection) and hands out the tracking view: every credential written after that
// must reach the write-ahead log, not only the whole field written when it was created.
describe('credentials with file storage', () => {
  it("a fresh tenant's credentials, the first and the later ones, are in the WAL (a crash keeps them)", async () => {
    const db = join(tempDir('credentials-durable'), 'db.json')
    const key = freshKey('creds')
    const emu = await createEmulator({ storage: { type: 'file', path: db } })
    const client = api(emu.fetch, key)
    const src = (await client.post('/v2/sources', { type: 'website', name: 'S', website: { url: 'https://s.example.com' } })).body.id
    const create = (external_id: string) =>
      client.post('/v2/credentials', {
        source_id: src,
        auth_method: 'username_password',
        external_id,
        auth_credentials: { username: 'user_good', password: 'pw' },
      })
    const ids = [(await create('user_1')).body.id, (await create('user_2')).body.id]

    const again = await createEmulator({ storage: { type: 'file', path: crashCopy(db) } })
    const c = api(again.fetch, key)
    const stored = await Promise.all(ids.map((id) => c.get(`/v2/credentials/${id}`)))
    expect(stored.map((r) => [r.status, r.body.external_id])).toEqual([
      [200, 'user_1'],
      [200, 'user_2'],
    ])
    await Promise.all([again.close(), emu.close()])
  })
})
