import type { Connection } from '../domain/types.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * Read access to the tenant's connections for other modules (task runs, wait
 * conditions), so only connections/ touches `tenant.data.connections`.
 * A plain property read: task-run views call it on every request.
 */
export function findConnection(tenant: Tenant, id: string): Connection | undefined {
  return tenant.data.connections[id]
}
