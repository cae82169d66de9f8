import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { expandPatterns } from '../src/cli/glob.js'
import { tempDir } from './helpers/cli.js'
import { createEmulator, type Emulator } from '../src/index.js'
import { formatResult, junitXml } from '../src/replay/report.js'
import { runScenarioFiles, runScenarioText } from '../src/replay/runner.js'
import { defineStep, StepFailure } from '../src/replay/step.js'
import { builtinSteps, stepRegistry } from '../src/replay/steps/index.js'
import { localTarget, remoteTarget } from '../src/replay/target.js'

const fixture = (name: string) => `test/fixtures/${name}.yaml`

describe('replay runner (in-process)', () => {
  it('passes a scenario whose expectations hold', async () => {
    const [result] = await runScenarioFiles([fixture('replay-ok')])
    expect(result!.ok, formatResult(result!)).toBe(true)
    expect(result!.steps).toHaveLength(16)
  })

  it('fails a wrong expectation, saying what it expected and saw, and skips the rest', async () => {
    const [result] = await runScenarioFiles([fixture('replay-wrong-expectation')])
    expect(result!.ok).toBe(false)
    expect(result!.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'failed', 'skipped'])
    expect(formatResult(result!)).toContain('✗ 3 expect: connection ana status: expected connected, saw interaction_required (interaction: mfa)')
    expect(formatResult(result!)).toMatch(/^✗ replay-wrong-expectation: failed at step 3 of 4/)
  })

  it('reports invalid steps with file, step index, line and what was expected, before running any', async () => {
    const [result] = await runScenarioFiles([fixture('replay-bad-steps')])
    expect(result!.steps).toEqual([])
    expect(result!.error).toContain('test/fixtures/replay-bad-steps.yaml: steps[0].create_connection.source_id (line 4): required')
    expect(result!.error).toContain('steps[1] (line 5): unknown step "creat_connection"')
    expect(result!.error).toContain('steps[2].advance (line 6): expected a duration')
  })

  it("loads the scenario's faults: an API error fails the step with the Deck code", async () => {
    const [result] = await runScenarioFiles([fixture('replay-faults')])
    expect(result!.steps[0]!.detail).toBe('the API answered 503 source_not_available: The source is down.')
  })

  it('reports an unknown alias and a missing file', async () => {
    const target = await localTarget()
    const result = await runScenarioText('name: alias\nsteps:\n  - reopen: { connection: zed }\n', 'inline.yaml', target)
    expect(result.steps[0]!.detail).toContain('"zed" is not a name given with `as:`')
    const [missing] = await runScenarioFiles(['test/fixtures/nope.yaml'], { target })
    expect(missing!.error).toMatch(/cannot read file/)
    await target.close()
  })

  it('takes new step kinds from a registry without touching the runner', async () => {
    const ping = defineStep({
      name: 'ping',
      args: z.strictObject({ times: z.number() }),
      async run(_ctx, { times }) {
        if (times > 1) throw new StepFailure(`ping: expected at most 1, got ${times}`)
        return 'pong'
      },
    })
    const target = await localTarget()
    const result = await runScenarioText(
      'name: p\nsteps:\n  - ping: { times: 1 }\n  - ping: { times: 2 }\n',
      'p.yaml',
      target,
      stepRegistry([...builtinSteps, ping]),
    )
    expect(result.steps.map((s) => [s.status, s.detail])).toEqual([
      ['passed', 'pong'],
      ['failed', 'ping: expected at most 1, got 2'],
    ])
    await target.close()
  })

  it('writes JUnit XML with one testcase per scenario and the failure message', async () => {
    const results = await runScenarioFiles([fixture('replay-ok'), fixture('replay-wrong-expectation')])
    const xml = junitXml(results)
    expect(xml).toContain('<testsuite name="deck-emulator run" tests="2" failures="1"')
    expect(xml).toContain('<failure message="step 3 expect: connection ana status: expected connected, saw interaction_required (interaction: mfa)"')
    expect(xml.match(/<testcase /g)).toHaveLength(2)
  })
})

describe('replay against a running emulator (--url)', () => {
  let emulator: Emulator
  let url: string
  beforeAll(async () => {
    emulator = await createEmulator({ clock: 'system' })
    url = (await emulator.listen(0)).url
  })
  afterAll(() => emulator.close())

  it('runs the same steps over HTTP, each scenario on a fresh key, the tenant switched to the manual clock', async () => {
    const results = await runScenarioFiles([fixture('replay-ok'), fixture('replay-wrong-expectation')], { target: remoteTarget(url) })
    expect(results.map((r) => r.ok)).toEqual([true, false])
  })

  it('runs on a given key', async () => {
    const results = await runScenarioFiles([fixture('replay-ok'), fixture('replay-ok')], { target: remoteTarget(url, 'sk_test_replay_fixed') })
    expect(results.every((r) => r.ok)).toBe(true)
  })
})

describe('globs', () => {
  it('expands *, ** and directories, sorted and without duplicates', async () => {
    const { files, unmatched } = await expandPatterns(['test/fixtures/replay-o*.yaml', 'test/**/replay-ok.yaml', 'test/fixtures', 'none/*.yaml'])
    expect(files[0]).toBe('test/fixtures/replay-ok.yaml')
    expect(files).toContain('test/fixtures/replay-faults.yaml')
    expect(new Set(files).size).toBe(files.length)
    expect(unmatched).toEqual(['none/*.yaml'])
  })
})

describe('deck-emulator run (CLI)', () => {
  const exec = promisify(execFile)
  const cli = (...args: string[]) =>
    exec(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'run', ...args]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    )

  it('exits 0 when every scenario passes, 1 with a readable line when one fails, and writes JUnit', async () => {
    const dir = tempDir('replay')
    const ok = await cli(fixture('replay-ok'), '--quiet')
    expect(ok.code).toBe(0)
    expect(ok.stdout).toContain('✓ replay-ok: 16 steps')
    const bad = await cli('test/fixtures/replay-{ok,wrong}*.yaml', fixture('replay-wrong-expectation'), '--junit', join(dir, 'out.xml'))
    expect(bad.code).toBe(1)
    expect(bad.stdout).toContain('✗ 3 expect: connection ana status: expected connected, saw interaction_required (interaction: mfa)')
    expect(bad.stdout).toContain('✗ test/fixtures/replay-{ok,wrong}*.yaml: no such file')
    expect(await readFile(join(dir, 'out.xml'), 'utf8')).toContain('failures="1"')
  }, 60_000)
})
