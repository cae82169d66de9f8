import { generationNotServed, serves, type GenerationTag } from '../domain/generation.js'
import type { Tenant } from './tenant.js'

/**
 * Rejects what belongs to a generation the tenant does not serve with the
 * same 404 `route_not_found` a pinned tenant gives the other generation's
 * routes. For requests whose generation shows only in the body: the
 * credentials engine calls `assertServes(tenant, 'credentials', 'a run body with `credential_id`')`
 * for a run on a credential, and `assertServes(tenant, 'connections', 'a run body with `connection_id`')`
 * for one on a connection.
 */
export function assertServes(tenant: Tenant, generation: GenerationTag, what = `this ${generation} generation request`): void {
  const setting = tenant.api
  if (serves(setting, generation)) return
  throw generationNotServed(setting as Exclude<typeof setting, 'both'>, what)
}
