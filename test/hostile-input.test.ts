import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { runCli, tempDir } from './helpers/cli.js'

describe('hostile input found by a new-user run', () => {
  it('refuses a clock advance beyond 100 years or past the end of dates, and the tenant keeps working', async () => {
    const t = await setup()
    for (const by of ['99999999999999999999d', '36501d', 1e300]) {
      const res = await t.client.post('/_emulator/clock/advance', { by })
      expect(res.status).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'input_invalid', field: 'by' })
    }
    for (let i = 0; i < 3000; i++) {
      const res = await t.client.post('/_emulator/clock/advance', { by: '36500d' })
      if (res.status !== 200) {
        expect(res.status).toBe(400)
        expect(res.body.errors[0].message).toMatch(/range of dates/)
        break
      }
    }
    expect((await t.client.get('/v2/connections')).status).toBe(200)
    expect((await t.client.get('/_emulator/clock')).status).toBe(200)
  })

  it('answers an alias-bomb scenario with 400, not 500', async () => {
    const t = await setup()
    const bomb = [
      'name: bomb',
      'a: &a [x,x,x,x,x,x,x,x,x,x]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ].join('\n')
    const res = await t.client.put('/_emulator/scenario', bomb, { 'content-type': 'application/yaml' })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].code).toBe('input_invalid')
  })

  it('refuses a fault delay over 60 s (real time)', async () => {
    const t = await setup()
    const res = await t.client.post('/_emulator/faults', { match: { path: '/v2/**' }, delay: '999h' })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body.errors)).toMatch(/at most 60s/)
  })

  it('refuses a cursor issued by another list', async () => {
    const t = await setup()
    const src = await t.source('a')
    await t.source('b')
    await t.connect(src, 'user_good')
    await t.connect(src, 'user_good')
    const sourcesCursor = (await t.client.get('/v2/sources?limit=1')).body.next_cursor
    for (const path of ['/v2/connections', `/v2/connections?source_id=${src}`]) {
      const res = await t.client.get(`${path}${path.includes('?') ? '&' : '?'}cursor=${sourcesCursor}`)
      expect(res.status, path).toBe(400)
      expect(res.body.errors[0].code).toBe('cursor_invalid')
    }
  })

  it('never repeats a request id across resets and scenario loads, nor echoes object ids', async () => {
    const t = await setup()
    const ids = new Set<string>()
    const objects = new Set<string>()
    for (let i = 0; i < 5; i++) {
      ids.add((await t.client.put('/_emulator/scenario', 'name: s\nsources: [{ id: src_a }]\n', { 'content-type': 'application/yaml' })).body.request_id)
      ids.add((await t.client.post('/_emulator/reset')).body.request_id)
      const created = await t.client.post('/v2/sources', { type: 'website', website: { url: 'https://a.example.com' } })
      ids.add(created.body.request_id)
      objects.add(created.body.id.slice(4))
    }
    expect(ids.size).toBe(15)
    expect([...ids].filter((id) => objects.has(id.slice(4)))).toEqual([])
  })

  it('explains an empty Idempotency-Key and a compressed body', async () => {
    const t = await setup()
    const empty = await t.client.post('/v2/sources', { type: 'website', website: { url: 'https://a.example.com' } }, { 'idempotency-key': ' ' })
    expect(empty.body.errors[0]).toMatchObject({ code: 'idempotency_key_error' })
    expect(empty.body.errors[0].message).toMatch(/empty/)
    const gz = await t.client.post('/v2/sources', '\u001f\u008b garbage', { 'content-encoding': 'gzip' })
    expect(gz.status).toBe(400)
    expect(gz.body.errors[0].message).toMatch(/Content-Encoding `gzip`/)
  })
})

describe('CLI start-up refusals', () => {
  it('exits 2 with one line for unusable --db paths and invalid --keys', async () => {
    const file = `${tempDir('cli-bad')}/plain-file`
    const { writeFileSync } = await import('node:fs')
    writeFileSync(file, 'x')
    for (const args of [
      ['--db', '/proc/x/db.json'],
      ['--db', `${file}/db.json`],
      ['--in-memory', '--keys', 'bad'],
    ]) {
      const res = await runCli(['--port', '0', ...args])
      expect(res.code, args.join(' ')).toBe(2)
      expect(res.stderr.trim().split('\n')).toHaveLength(1)
      expect(res.stderr).toMatch(/^deck-emulator: (Cannot use|--keys)/)
    }
  })
})
