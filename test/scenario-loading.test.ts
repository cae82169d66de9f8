import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmulator, loadScenarios, parseScenario, ScenarioError } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { tempDir } from './helpers/cli.js'

function problems(text: string): string {
  try {
    parseScenario(text, 'scenarios/x.yaml')
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError)
    return (error as Error).message
  }
  throw new Error('expected the scenario to be rejected')
}

describe('scenario validation', () => {
  it('names the file, the path, the line and the expectation for an unknown step', () => {
    const message = problems(`name: x
sources:
  - id: src_a
    accounts:
      - username: u
      - username: v
        login:
          - mfaa: { code: "1" }
`)
    expect(message).toBe(
      'scenarios/x.yaml: sources[0].accounts[1].login[0] (line 8): unknown step "mfaa" (expected one of connected, invalid, blocked, timeout, delay, mfa, security_question, account_selection)',
    )
  })

  it.each([
    ['sources:\n  - id: src_a\n', /\(top level\).*name|name.*required/],
    ['name: x\nsources:\n  - id: bank\n', /sources\[0\]\.id \(line 3\): expected an id starting with src_/],
    ['name: x\nsources:\n  - id: src_a\n    login_delay: soon\n', /sources\[0\]\.login_delay \(line 4\): expected a duration/],
    ['name: x\nclock: virtual\n', /clock \(line 2\)/],
    ['name: x\ncolour: blue\n', /unknown key "colour"/],
    ['name: x\nsources:\n  - id: src_a\n  - id: src_a\n', /duplicate source id "src_a"/],
    ['name: x\nsources:\n  - id: src_a\n    accounts:\n      - username: u\n        login:\n          - mfa: { message: hi }\n', /login\[0\]\.mfa\.code/],
    [
      'name: x\nsources:\n  - id: src_a\n    accounts:\n      - username: u\n        login:\n          - account_selection: { accounts: [{ id: a, name: A }], pick: b }\n',
      /pick "b" is not one of the listed accounts/,
    ],
    ['name: [unclosed\n', /line \d+, column \d+/],
    ['- just\n- a list\n', /expected a mapping/],
  ])('rejects %j', (text, expected) => {
    expect(problems(text)).toMatch(expected)
  })

  it('never half-loads: a bad file among good ones fails the whole load', async () => {
    const dir = tempDir('scenarios')
    writeFileSync(join(dir, 'a.yaml'), 'name: a\nsources: [{ id: src_a }]\n')
    writeFileSync(join(dir, 'b.yaml'), 'name: b\nsources: [{ id: nope }]\n')
    await expect(loadScenarios([dir])).rejects.toThrow(/b\.yaml: sources\[0\]\.id/)
    await expect(createEmulator({ scenario: dir })).rejects.toThrow(ScenarioError)
  })

  it('merges several files into one world', async () => {
    const dir = tempDir('merge')
    writeFileSync(join(dir, 'a.yaml'), 'name: a\nsources: [{ id: src_a }]\n')
    writeFileSync(join(dir, 'b.yaml'), 'name: b\nsources: [{ id: src_b }]\n')
    const emulator = await createEmulator({ scenario: dir })
    const ids = (await api(emulator.fetch, freshKey()).get('/v2/sources')).body.data.map((s: { id: string }) => s.id).sort()
    expect(ids).toEqual(['src_a', 'src_b'])
  })

  it('loads every shipped scenario', async () => {
    const dir = join(import.meta.dirname, '../scenarios')
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'))
    expect(files).toEqual(
      expect.arrayContaining(['forced-mfa.yaml', 'credential-rejection.yaml', 'session-drop.yaml', 'security-question.yaml', 'account-selection.yaml']),
    )
    for (const file of files) {
      const { scenario } = await loadScenarios([join(dir, file)])
      expect(scenario!.steps.length, file).toBeGreaterThan(0)
    }
  })
})

describe('determinism', () => {
  async function transcript(seed: number) {
    const emulator = await createEmulator({ seed, clock: 'manual' })
    const client = api(emulator.fetch, 'sk_test_determinism')
    const out: string[] = []
    const record = async (p: Promise<{ body: unknown }>) => out.push(JSON.stringify((await p).body))
    const src = (await client.post('/v2/sources', { type: 'website', website: { url: 'https://a.example.com' } })).body.id
    for (const user of ['user_good', 'user_mfa', 'user_accounts']) {
      await record(client.post('/v2/connections', { source_id: src, auth_credentials: { username: user, password: 'x' } }))
    }
    await emulator.clock.advance('1m', 'sk_test_determinism')
    await record(client.get('/v2/connections'))
    await record(client.get('/v2/connections/conn_missing'))
    return out.join('\n')
  }

  it('gives byte-identical responses for the same seed and requests, different ones for another seed', async () => {
    const a = await transcript(42)
    expect(await transcript(42)).toBe(a)
    expect(await transcript(43)).not.toBe(a)
  })
})
