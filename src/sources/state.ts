import { scriptFor } from '../domain/source-scripts.js'
import type { SourceScript } from '../domain/login-script.js'
import type { Source } from '../domain/types.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * The one place that reaches `tenant.data.sources` and `tenant.data.scripts`
 * (the scenario's login script per source; both always present in
 * TenantData). `…Of` for writes (through the tracking view), `…In` for
 * whole-collection reads, `find…`/`sourceScript` for one.
 */
/** The source, or undefined (the fake source sites answer 404 themselves). */
export function findSource(tenant: Tenant, id: string): Source | undefined {
  return tenant.data.sources[id]
}

/** For writes. */
export function sourcesOf(tenant: Tenant): Record<string, Source> {
  return tenant.data.sources
}

/** For reads of the whole collection. */
export function sourcesIn(tenant: Tenant): Readonly<Record<string, Source>> {
  return tenant.data.sources
}

/** For writes: the scenario's compiled login scripts by source id. */
export function sourceScriptsOf(tenant: Tenant): Record<string, SourceScript> {
  return tenant.data.scripts
}

/** The script a source plays (its scenario script, or magic credentials): domain/source-scripts.ts decides, on the tenant's data. */
export function sourceScript(tenant: Tenant, sourceId: string): SourceScript {
  return scriptFor(tenant.data, sourceId)
}
