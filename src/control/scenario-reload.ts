import { loadScenarios, ScenarioError } from '../scenario/load.js'
import type { ScenarioDoc } from '../scenario/types.js'
import type { Tenants } from '../tenant/tenants.js'

export type ReloadResult = { ok: true; scenario: ScenarioDoc | null; files: string[]; tenants: string[] } | { ok: false; error: ScenarioError }

/**
 * Reads the scenario files again. A broken edit changes nothing (the last
 * good version stays in force) and comes back as a ScenarioError naming the
 * file, the line and what was expected; a good one is applied in place to
 * every tenant running the defaults (connections keep their state).
 */
export async function reloadScenarios(tenants: Tenants, paths: string[], complete: (doc: ScenarioDoc) => ScenarioDoc = (doc) => doc): Promise<ReloadResult> {
  let loaded: Awaited<ReturnType<typeof loadScenarios>>
  try {
    loaded = await loadScenarios(paths)
  } catch (error) {
    if (error instanceof ScenarioError) return { ok: false, error }
    return { ok: false, error: new ScenarioError(paths.join(', '), [(error as Error).message]) }
  }
  if (!loaded.scenario)
    return { ok: false, error: new ScenarioError(paths.join(', '), ['no scenario file left to load (expected at least one .yaml, .yml or .json file)']) }
  const scenario = complete(loaded.scenario)
  return { ok: true, scenario, files: loaded.files, tenants: tenants.updateScenario(scenario) }
}
