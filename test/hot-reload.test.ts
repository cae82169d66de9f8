import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { watchScenarioPaths } from '../src/cli/watch.js'
import { createEmulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { tempDir } from './helpers/cli.js'

const scenario = (name: string, code: string, extra = '') => `name: local
clock: manual
sources:
  - id: src_bank
    name: ${name}
    accounts:
      - username: alice
        password: pw
        login:
          - mfa: { code: "${code}" }
          - connected
${extra}`

async function world(text: string) {
  const dir = tempDir('reload')
  const file = join(dir, 'local.yaml')
  writeFileSync(file, text)
  const emulator = await createEmulator({ scenario: file })
  const client = api((p, i) => emulator.fetch(p, i), freshKey('reload'))
  return { dir, file, emulator, client }
}

describe('hot reload of scenario files', () => {
  it('applies a changed file in place: sources and scripts change, connections keep their state', async () => {
    const { file, emulator, client } = await world(scenario('Bank One', '111111'))
    const created = await client.post('/v2/connections', {
      source_id: 'src_bank',
      auth_method: 'username_password',
      auth_credentials: { username: 'alice', password: 'pw' },
    })
    const id = created.body.id
    expect((await client.get(`/v2/connections/${id}`)).body.status).toBe('interaction_required')
    const eventsBefore = emulator.tenants.get(client.key).data.events.length

    writeFileSync(file, scenario('Bank Two', '222222', '  - id: src_new\n    name: New Source\n'))
    const result = await emulator.reloadScenario()
    expect(result.ok).toBe(true)
    expect(result.ok && result.tenants).toContain(client.key)

    const source = (await client.get('/v2/sources/src_bank')).body
    expect(source.name).toBe('Bank Two')
    expect((await client.get('/v2/sources/src_new')).status).toBe(200)
    const conn = (await client.get(`/v2/connections/${id}`)).body
    expect(conn.status).toBe('interaction_required')
    expect(emulator.tenants.get(client.key).data.events.length).toBe(eventsBefore)
    // The login in progress answers as it was scripted when it started; the next login uses the new file.
    await client.post(`/v2/connections/${id}/interaction`, { inputs: { code: '111111' } })
    expect((await client.get(`/v2/connections/${id}`)).body.status).toBe('connected')
    const second = await client.post('/v2/connections', {
      source_id: 'src_bank',
      auth_method: 'username_password',
      auth_credentials: { username: 'alice', password: 'pw' },
    })
    expect((await client.get(`/_emulator/connections/${second.body.id}/expected-answer`)).body.inputs).toEqual({ code: '222222' })
    // New tenants and resets start from the new version.
    expect(emulator.scenario?.sources.map((s) => s.id)).toEqual(['src_bank', 'src_new'])
    await emulator.close()
  })

  it('a broken edit is reported with file, line and what was expected; the last good version stays', async () => {
    const { file, emulator, client } = await world(scenario('Bank One', '111111'))
    await client.get('/v2/sources')
    writeFileSync(file, scenario('Bank One', '111111').replace('- connected', '- conected'))
    const result = await emulator.reloadScenario()
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.message).toContain(file)
    expect(result.error.message).toMatch(/sources\[0\]\.accounts\[0\]\.login\[1\] \(line 11\): unknown step "conected"/)
    writeFileSync(file, 'name: [unclosed')
    const yamlError = await emulator.reloadScenario()
    expect(!yamlError.ok && yamlError.error.message).toMatch(/line 1, column \d+/)
    expect((await client.get('/v2/sources/src_bank')).body.name).toBe('Bank One')
    expect(emulator.scenario?.sources[0]?.name).toBe('Bank One')
    await emulator.close()
  })

  it('leaves alone a tenant that loaded its own scenario through the control plane', async () => {
    const { file, emulator, client } = await world(scenario('Bank One', '111111'))
    await client.put('/_emulator/scenario', 'name: mine\nsources:\n  - id: src_mine\n', { 'content-type': 'application/yaml' })
    writeFileSync(file, scenario('Bank Two', '222222'))
    const result = await emulator.reloadScenario()
    expect(result.ok && result.tenants).not.toContain(client.key)
    expect((await client.get('/v2/sources/src_bank')).status).toBe(404)
    await emulator.close()
  })

  it('watches the file for real: an edit on disk reloads it (bounded wait)', async () => {
    const { file, emulator, client } = await world(scenario('Bank One', '111111'))
    await client.get('/v2/sources')
    const reloads: boolean[] = []
    const stop = await watchScenarioPaths([file], async () => reloads.push((await emulator.reloadScenario()).ok), 50)
    writeFileSync(file, readFileSync(file, 'utf8').replace('Bank One', 'Bank Edited'))
    const deadline = Date.now() + 10_000
    while (!reloads.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    stop()
    expect(reloads[0]).toBe(true)
    expect((await client.get('/v2/sources/src_bank')).body.name).toBe('Bank Edited')
    await emulator.close()
  })
})
