import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatResult } from '../src/replay/report.js'
import { runScenarioFiles } from '../src/replay/runner.js'
import { localTarget } from '../src/replay/target.js'

// Every shipped scenario is a regression test: its `steps` must replay cleanly.
const dir = 'scenarios'
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => join(dir, f))

describe('shipped scenarios replay', async () => {
  const target = await localTarget()
  afterAll(() => target.close())

  it('ships the scenarios the docs promise', () => {
    for (const name of ['forced-mfa', 'credential-rejection', 'session-drop', 'security-question', 'account-selection']) {
      expect(files).toContain(join(dir, `${name}.yaml`))
    }
  })

  it.each(files)('%s', async (file) => {
    const [result] = await runScenarioFiles([file], { target })
    expect(result!.ok, formatResult(result!)).toBe(true)
  })
})
