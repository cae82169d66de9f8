import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli/run.js'
import { junitXml } from '../src/replay/report.js'
import { runScenarioFiles } from '../src/replay/runner.js'
import { expandPatterns } from '../src/cli/glob.js'
import { tempDir } from './helpers/cli.js'

const OK = readFileSync('test/fixtures/replay-ok.yaml', 'utf8')
const NO_STEPS = 'name: world-only\nsources:\n  - id: src_bank\n    name: Bank\n    url: https://bank.example.com\n'

/** scenarios/ with one file at the top, one two levels down, one without steps, and a node_modules to skip. */
function tree(): string {
  const dir = tempDir('run-tree')
  mkdirSync(join(dir, 'billing/eu'), { recursive: true })
  mkdirSync(join(dir, 'node_modules/pkg'), { recursive: true })
  writeFileSync(join(dir, 'top.yaml'), OK)
  writeFileSync(join(dir, 'billing/eu/deep.yaml'), OK.replace(/^name: .*$/m, 'name: deep'))
  writeFileSync(join(dir, 'billing/world.yaml'), NO_STEPS)
  writeFileSync(join(dir, 'node_modules/pkg/ignored.yaml'), 'not: [a scenario')
  return dir
}

describe('deck-emulator run <dir>', () => {
  it('recurses into subdirectories (not node_modules or dot-dirs)', async () => {
    const dir = tree()
    const { files } = await expandPatterns([dir])
    expect(files).toEqual([join(dir, 'billing/eu/deep.yaml'), join(dir, 'billing/world.yaml'), join(dir, 'top.yaml')])
  })

  it('reports a file without steps as "no steps", not as passed, and still exits 0', async () => {
    const dir = tree()
    const lines: string[] = []
    const code = await run([dir, '--quiet'], (line) => lines.push(line))
    const out = lines.join('\n')
    expect(code).toBe(0)
    expect(out).toContain(`- world-only: no steps, nothing checked (${join(dir, 'billing/world.yaml')})`)
    expect(out).toContain('3 scenarios: 2 passed, 0 failed, 1 with no steps')
    const results = await runScenarioFiles([join(dir, 'billing/world.yaml')])
    expect(results[0]).toMatchObject({ ok: true, noSteps: true, steps: [] })
    expect(junitXml(results)).toContain('<skipped message="no steps"/>')
  }, 60_000)
})
