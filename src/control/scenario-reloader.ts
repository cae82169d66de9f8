import type { ScenarioDoc } from '../scenario/types.js'
import type { Settle } from '../tenant/settle.js'
import type { Tenants } from '../tenant/tenants.js'
import { reloadScenarios, type ReloadResult } from './scenario-reload.js'

/**
 * `emulator.reloadScenario()`: reads the files again (scenario-reload.ts)
 * and, when they are good, re-arms and pokes every tenant that took the new
 * version, then commits. `complete` adds what the command line contributes
 * (e.g. `--webhook` destinations) and sees each good version first.
 */
export function scenarioReloader(deps: {
  tenants: Tenants
  paths: string[]
  settle: Settle
  complete(doc: ScenarioDoc): ScenarioDoc
  changed(key: string): void
}): () => Promise<ReloadResult> {
  return async () => {
    const result = await reloadScenarios(deps.tenants, deps.paths, deps.complete)
    if (result.ok) {
      for (const key of result.tenants) {
        deps.settle.arm(deps.tenants.get(key))
        deps.changed(key)
      }
      await deps.settle.commit()
    }
    return result
  }
}
