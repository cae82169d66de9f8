import type { CredentialSecret } from '../store/credentials-data.js'
import type { Tenant } from './tenant.js'

/**
 * The one boundary around credential passwords: nothing else reads or
 * writes them. Kept apart from the credential record (which the API, events
 * and logs show), and wiped on delete. The generic secret-at-rest store
 * (issue 17) plugs in behind these three functions.
 */
export function putSecret(tenant: Tenant, credentialId: string, password: string | null): void {
  ;(tenant.data.credential_secrets ??= {})[credentialId] = { password, set_at: tenant.now() }
}

export function getSecret(tenant: Tenant, credentialId: string): Readonly<CredentialSecret> | undefined {
  return tenant.data.credential_secrets?.[credentialId]
}

export function wipeSecret(tenant: Tenant, credentialId: string): void {
  const secrets = tenant.data.credential_secrets
  if (!secrets?.[credentialId]) return
  // Overwrite first, so no reference elsewhere keeps the old value readable.
  secrets[credentialId] = { password: null, set_at: 0 }
  delete secrets[credentialId]
}
