import type { Source } from '../domain/types.js'
import { compileSource } from '../scenario/compile.js'
import type { ScenarioApplier } from '../scenario/sections.js'
import type { ScenarioDoc } from '../scenario/types.js'
import type { Tenant } from '../tenant/tenant.js'
import { findSource, sourcesOf, sourceScriptsOf } from './state.js'

/** Creates the scenario's sources, or updates them in place (hot reload keeps `created_at`). */
export function seedSources(tenant: Tenant, scenario: ScenarioDoc): void {
  const now = tenant.nowIso()
  for (const raw of scenario.sources) {
    const script = compileSource(raw)
    const old = findSource(tenant, script.id)
    const same = old && old.name === script.name && old.website.url === script.url
    const source: Source = same
      ? old
      : {
          id: script.id,
          object: 'source',
          name: script.name,
          type: 'website',
          website: { url: script.url },
          created_at: old?.created_at ?? now,
          updated_at: now,
        }
    sourcesOf(tenant)[source.id] = source
    sourceScriptsOf(tenant)[source.id] = script
  }
}

/** Sources and their login scripts: seeded on build and refreshed in place by a hot reload. */
export const sourcesApplier: ScenarioApplier = { name: 'sources', sections: ['sources'], apply: seedSources, update: seedSources }
