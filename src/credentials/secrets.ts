import type { CredentialSecret } from '../store/credentials-data.js'
import { lazyCollection } from '../tenant/collection.js'
import { secretRefs } from '../tenant/secret-refs.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * The one boundary around credential passwords: nothing else reads or
 * writes them. The password lives in the tenant's secret-at-rest store
 * (store/secrets.ts: outside the WAL and snapshot, rewritten away on
 * delete); the credential's data keeps only when it was set, which
 * `expire_credentials_after` counts from.
 */
/** When each credential's password was set: created on first write (tenant/collection.ts), only here. */
const secretsSetAt = lazyCollection('credential_secrets')

export function putSecret(tenant: Tenant, credentialId: string, password: string | null): void {
  const ref = secretRefs.credentialPassword(credentialId)
  if (password === null) tenant.secrets.delete(ref)
  else tenant.secrets.put(ref, password)
  secretsSetAt.of(tenant)[credentialId] = { set_at: tenant.now() }
}

export function getSecret(tenant: Tenant, credentialId: string): Readonly<CredentialSecret> | undefined {
  const meta = secretsSetAt.read(tenant)[credentialId]
  if (!meta) return undefined
  return { password: tenant.secrets.get(secretRefs.credentialPassword(credentialId)) ?? null, set_at: meta.set_at }
}

export function wipeSecret(tenant: Tenant, credentialId: string): void {
  tenant.secrets.delete(secretRefs.credentialPassword(credentialId))
  if (secretsSetAt.read(tenant)[credentialId]) delete secretsSetAt.of(tenant)[credentialId]
}
