import { describe, expect, it } from 'vitest'
import { PROXY_HELP } from '../src/cli/proxy.js'
import { runCli } from './helpers/cli.js'

describe('deck-emulator proxy: usage', () => {
  it('is listed in the main help and documents its flags', async () => {
    const main = await runCli(['--help'])
    expect(main.stdout).toMatch(/^\s+proxy\s+Forward to the real API/m)
    for (const flag of ['--upstream', '--port', '--host', '--report', '--record']) expect(PROXY_HELP).toContain(flag)
    const own = await runCli(['proxy', '--help'])
    expect(own.code).toBe(0)
    expect(own.stdout).toContain(PROXY_HELP.split('\n')[0])
  }, 60_000) // processes from source (tsx) on a loaded machine

  it('exits 2 with one clear line for a missing or bad upstream and a bad flag', async () => {
    const missing = await runCli(['proxy', '--port', '0'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--upstream <url> is required/)
    const bad = await runCli(['proxy', '--upstream', 'ftp://deck.example'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--upstream must be an http\(s\) URL/)
    const flag = await runCli(['proxy', '--upstream', 'http://127.0.0.1:1', '--frobnicate'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toMatch(/frobnicate/)
    for (const run of [missing, bad, flag]) expect(run.stderr).not.toMatch(/at .*\.ts:\d+/)
  }, 60_000)
})
