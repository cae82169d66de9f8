import type { Connection } from '../domain/types.js'
import type { LoginState } from '../store/data.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * The one place that reaches `tenant.data.connections` and `tenant.data.logins`
 * (always present in TenantData, so nothing is created here). Every other
 * module, connections/ included, goes through these: `…Of` for writes (the
 * tracking view, so the file store records them), `…In` for reads, `find…`
 * for one record. Plain property reads, no allocation: `GET
 * /v2/connections/{id}` and the task-run views call them on every request.
 */
export function findConnection(tenant: Tenant, id: string): Connection | undefined {
  return tenant.data.connections[id]
}

/** For writes (assign, delete, edit in place). */
export function connectionsOf(tenant: Tenant): Record<string, Connection> {
  return tenant.data.connections
}

/**
 * For whole-collection reads (listing, indexes): the plain-data view, whose
 * objects serialise and iterate without the tracking traps. Never write
 * through it: the file store would not see the change.
 */
export function connectionsIn(tenant: Tenant): Readonly<Record<string, Connection>> {
  return tenant.plain.connections
}

/** The login in progress (credentials and resolved steps) of a connection. */
export function findLogin(tenant: Tenant, connectionId: string): LoginState | undefined {
  return tenant.data.logins[connectionId]
}

/** For writes: logins by connection id. */
export function loginsOf(tenant: Tenant): Record<string, LoginState> {
  return tenant.data.logins
}
