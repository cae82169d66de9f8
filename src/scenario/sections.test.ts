import { describe, expect, it } from 'vitest'
import { SCENARIO_APPLIERS } from './apply.js'
import { ScenarioSchema } from './schema.js'
import { ARRAY_MERGE_RULES, mergeScenarios, SECTIONS_READ_IN_PLACE, type ScenarioSection } from './sections.js'
import type { ScenarioDoc } from './types.js'

const sections = Object.keys(ScenarioSchema.unwrap().shape) as ScenarioSection[]
const blank = ScenarioSchema.parse({ name: 'blank' })
const arraySections = sections.filter((s) => Array.isArray(blank[s]))

describe('scenario sections', () => {
  it('every top-level key of the schema is applied by exactly one applier or read in place', () => {
    const applied = SCENARIO_APPLIERS.flatMap((a) => a.sections.map((section) => ({ section, by: a.name })))
    for (const section of sections) {
      const owners = [...applied.filter((a) => a.section === section).map((a) => a.by), ...(section in SECTIONS_READ_IN_PLACE ? ['read in place'] : [])]
      expect(owners, `scenario section "${section}": add it to an applier's sections (scenario/apply.ts) or to SECTIONS_READ_IN_PLACE`).toHaveLength(1)
    }
    // And nothing names a section the schema no longer has.
    for (const name of [...applied.map((a) => a.section), ...Object.keys(SECTIONS_READ_IN_PLACE), ...Object.keys(ARRAY_MERGE_RULES)])
      expect(sections).toContain(name)
  })

  it('finds the array sections (the generic merge walks them)', () => {
    expect(arraySections).toEqual(expect.arrayContaining(['sources', 'destinations', 'faults', 'webhook_faults', 'agents', 'tasks', 'steps']))
  })

  it('merges every array section of several files: nothing is silently dropped unless its rule says so', () => {
    const doc = (name: string): ScenarioDoc =>
      ({ ...blank, name, ...Object.fromEntries(arraySections.map((s) => [s, [{ id: `${s}_${name}` }]])) }) as ScenarioDoc
    const merged = mergeScenarios([doc('a'), doc('b')])! as unknown as Record<string, { id: string }[]>
    for (const section of arraySections) {
      const expected = ARRAY_MERGE_RULES[section] === 'drop' ? [] : [`${section}_a`, `${section}_b`]
      expect(
        merged[section]!.map((item) => item.id),
        section,
      ).toEqual(expected)
    }
  })

  it('keeps the merge rules: same-id sources replace, destinations add up, steps drop, the rest comes from the first file', () => {
    const a = ScenarioSchema.parse({
      name: 'a',
      seed: 1,
      clock: 'manual',
      sources: [{ id: 'src_one', name: 'One' }, { id: 'src_two' }],
      destinations: [{ id: 'evtd_1', url: 'https://a.example/hook', events: ['*'] }],
      steps: [{ advance: '1s' }],
    })
    const b = ScenarioSchema.parse({
      name: 'b',
      seed: 2,
      sources: [{ id: 'src_one', name: 'One again' }],
      destinations: [{ id: 'evtd_2', url: 'https://b.example/hook', events: ['*'] }],
    })
    const merged = mergeScenarios([a, b])!
    expect(merged.name).toBe('a + b')
    expect(merged.seed).toBe(1)
    expect(merged.clock).toBe('manual')
    expect(merged.sources.map((s) => [s.id, s.name])).toEqual([
      ['src_two', undefined],
      ['src_one', 'One again'],
    ])
    expect(merged.destinations.map((d) => d.id)).toEqual(['evtd_1', 'evtd_2'])
    expect(merged.steps).toEqual([])
    expect(mergeScenarios([a])).toBe(a)
    expect(mergeScenarios([])).toBeNull()
  })
})
