import { describe, expect, it } from 'vitest'
import { resolveScenario, scenarioPathsOf } from './input.js'

describe('the scenario option', () => {
  it('tells paths from text by the line break, the same way for loading and for watching', async () => {
    expect(scenarioPathsOf('scenarios/bank.yaml')).toEqual(['scenarios/bank.yaml'])
    expect(scenarioPathsOf(['a.yaml', 'dir'])).toEqual(['a.yaml', 'dir'])
    expect(scenarioPathsOf('name: inline\nsources: []\n')).toEqual([])
    expect(scenarioPathsOf({ name: 'object' })).toEqual([])
    expect(scenarioPathsOf(undefined)).toEqual([])
    expect((await resolveScenario('name: inline\nclock: manual\n'))?.clock).toBe('manual')
    expect((await resolveScenario({ name: 'object', seed: 7 }))?.seed).toBe(7)
    expect(await resolveScenario(undefined)).toBeNull()
    await expect(resolveScenario('no/such/file.yaml')).rejects.toThrow(/no such file or directory/)
  })
})
