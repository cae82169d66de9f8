import { loadScenarios, parseScenario } from './load.js'
import type { ScenarioDoc } from './types.js'

/** What the `scenario` option may be: file/dir path(s), YAML or JSON text, or a scenario object. */
export type ScenarioInput = string | string[] | Record<string, unknown>

/** The one rule telling text from a path: scenario text always spans lines, a path never does. */
const isText = (input: string): boolean => /\n/.test(input)

/** The files behind the option, watched and re-read by a hot reload (none for text or an object). */
export function scenarioPathsOf(input: ScenarioInput | undefined): string[] {
  if (typeof input === 'string') return isText(input) ? [] : [input]
  return Array.isArray(input) ? input : []
}

/** Loads the option into one validated scenario (several files merged), or null without one. */
export async function resolveScenario(input: ScenarioInput | undefined): Promise<ScenarioDoc | null> {
  if (input === undefined) return null
  if (typeof input === 'object' && !Array.isArray(input)) return parseScenario(JSON.stringify(input), '<scenario object>')
  if (typeof input === 'string' && isText(input)) return parseScenario(input, '<scenario text>')
  return (await loadScenarios(scenarioPathsOf(input))).scenario
}
