import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseScenario } from '../src/scenario/load.js'
import { api } from './helpers/api.js'
import { exited, runCli, startCli, tempDir } from './helpers/cli.js'

describe('CLI for local development', () => {
  it('init writes a commented starter scenario that loads, prints how to use it, and never overwrites without --force', async () => {
    const file = join(tempDir('init'), 'scenarios', 'local.yaml')
    const first = await runCli(['init', file])
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`--scenario ${file} --watch`)
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/^# /)
    expect(parseScenario(text, file).sources.map((s) => s.id)).toEqual(['src_acme_bank', 'src_strict_bank'])
    writeFileSync(file, 'name: mine\n')
    const again = await runCli(['init', file])
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/already exists; use --force/)
    expect(readFileSync(file, 'utf8')).toBe('name: mine\n')
    expect((await runCli(['init', file, '--force'])).code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(text)
  })

  it('prints the dashboard URL with the key, logs transitions as JSON lines, and watches the scenario', async () => {
    const dir = tempDir('cli-dev')
    const file = join(dir, 'local.yaml')
    expect((await runCli(['init', file])).code).toBe(0)
    const { child, url, output } = await startCli(['--in-memory', '--port', '0', '--scenario', file, '--watch', '--log-format', 'json'])
    expect(output()).toContain(`Dashboard  ${url}/_emulator/ui?key=sk_test_emulator`)
    const client = api((p, i) => fetch(url + p, i), 'sk_test_emulator')
    const created = await client.post('/v2/connections', {
      source_id: 'src_strict_bank',
      auth_method: 'username_password',
      auth_credentials: { username: 'x', password: 'top-secret-pw' },
    })
    const waitFor = async (pattern: RegExp) => {
      const deadline = Date.now() + 10_000
      while (!pattern.test(output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
      return output()
    }
    await waitFor(/"to":"invalid"/)
    const lines = output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
    expect(lines.filter((l) => l.connection_id === created.body.id).map((l) => l.to)).toEqual(['connecting', 'invalid'])
    expect(output()).not.toContain('top-secret-pw')
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Strict Bank', 'name: Strict Bank v2'))
    await waitFor(/scenario reloaded/)
    expect((await client.get('/v2/sources/src_strict_bank')).body.name).toBe('Strict Bank v2')
    writeFileSync(file, 'name: broken\nsources: 3\n')
    expect(await waitFor(/scenario not reloaded/)).toMatch(/local\.yaml: sources \(line 2\)/)
    expect((await client.get('/v2/sources/src_strict_bank')).body.name).toBe('Strict Bank v2')
    child.kill('SIGINT')
    expect(await exited(child)).toBe(0)
  })

  it('rejects --watch without a scenario and an unknown --log-format', async () => {
    const watch = await runCli(['--in-memory', '--watch'])
    expect(watch.code).toBe(2)
    expect(watch.stderr).toMatch(/--watch needs --scenario/)
    const format = await runCli(['--in-memory', '--log-format', 'xml'])
    expect(format.code).toBe(2)
    expect(format.stderr).toMatch(/--log-format must be pretty or json/)
  })
})
