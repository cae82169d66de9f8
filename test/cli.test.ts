import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SERVE_HELP, serveOptions } from '../src/cli/serve.js'
import { api } from './helpers/api.js'
import { exited, runCli, startCli, tempDir } from './helpers/cli.js'

describe('deck-emulator CLI', () => {
  it('documents every flag in --help', async () => {
    const { code, stdout } = await runCli(['--help'])
    expect(code).toBe(0)
    for (const flag of Object.keys(serveOptions)) expect(stdout, flag).toContain(`--${flag}`)
    expect(stdout).toContain(SERVE_HELP.split('\n')[0])
  })

  it('prints the base URL, a ready key and what it loaded; serves; shuts down cleanly on SIGINT', async () => {
    const db = join(tempDir('cli'), 'db.json')
    const { child, url, output } = await startCli(['--db', db, '--port', '0', '--scenario', 'scenarios/forced-mfa.yaml'])
    expect(output()).toMatch(/API key\s+sk_test_emulator/)
    expect(output()).toMatch(/Scenario\s+forced-mfa \(sources: src_acme_bank\)/)
    const res = await api((p, i) => fetch(url + p, i), 'sk_test_emulator').get('/v2/sources/src_acme_bank')
    expect(res.body.name).toBe('Acme Bank')
    child.kill('SIGINT')
    expect(await exited(child)).toBe(0)
  })

  it('exits non-zero with a clear message for a bad scenario, a bad flag and a corrupt db', async () => {
    const bad = await runCli(['--in-memory', '--scenario', 'no/such/file.yaml'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/no\/such\/file\.yaml: no such file or directory/)
    const flag = await runCli(['--frobnicate'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/frobnicate/)
    const dir = tempDir('cli-corrupt')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(dir, 'db.json'), '{oops')
    const corrupt = await runCli(['--db', join(dir, 'db.json')])
    expect(corrupt.code).toBe(2)
    expect(corrupt.stderr).toMatch(/db\.json is corrupt/)
    expect(corrupt.stderr).not.toMatch(/at .*\.ts:\d+/)
  })
})
