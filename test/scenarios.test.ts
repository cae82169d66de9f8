import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { formatResult } from '../src/replay/report.js'
import { runScenarioFiles } from '../src/replay/runner.js'
import { localTarget } from '../src/replay/target.js'

// Every shipped scenario is a regression test: its `steps` must replay cleanly.
const dir = 'scenarios'
const files = (() => {
  try {
    return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f))
  } catch {
    return []
  }
})()

describe('shipped scenarios replay', async () => {
  const target = await localTarget()
  afterAll(() => target.close())

  it.skipIf(files.length > 0)('(no scenarios/*.yaml in this checkout)', () => {})

  it.each(files)('%s', async (file) => {
    const [result] = await runScenarioFiles([file], { target })
    expect(result!.ok, formatResult(result!)).toBe(true)
  })
})
