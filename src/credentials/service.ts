import {
  canTransitionCredential,
  checkSourceFields,
  newCredential,
  transitionCredential,
  type Credential,
  type CredentialAuthMethod,
  type CredentialStatus,
  type CredentialSummary,
} from '../domain/credential.js'
import { assert, errors } from '../domain/errors.js'
import { credentialsOf, credentialsIn, findCredential } from './world.js'
import { putSecret, wipeSecret } from './secrets.js'
import { listPage, type ListQuery } from '../tenant/list.js'
import { getSource } from '../sources/service.js'
import type { Tenant } from '../tenant/tenant.js'

export interface CredentialAuthInput {
  username?: string | undefined
  password?: string | undefined
  source_fields?: Record<string, unknown> | undefined
}

export interface CreateCredentialInput {
  source_id: string
  auth_method?: CredentialAuthMethod | undefined
  auth_credentials?: CredentialAuthInput | null | undefined
  external_id?: string | null | undefined
}

export interface CredentialFilters {
  source_id?: string[] | undefined
  status?: string[] | undefined
  external_id?: string | undefined
}

export function getCredential(tenant: Tenant, id: string): Credential {
  const credential = findCredential(tenant, id)
  if (!credential) throw errors.notFound('credential', id)
  return credential
}

/** The credential a run or PATCH may use: deleted ones → 409 credential_deleted. */
export function usableCredential(tenant: Tenant, id: string): Credential {
  const credential = getCredential(tenant, id)
  assert(credential.status !== 'deleted', () => errors.credentialDeleted(id))
  return credential
}

/** The one way a credential changes status: the pure transition, store, event. */
export function moveCredential(
  tenant: Tenant,
  credential: Credential,
  to: CredentialStatus,
  changes: { auth_credentials?: CredentialSummary | null } = {},
): Credential {
  const { object, events } = transitionCredential(credential, to, tenant.nowIso(), changes)
  credentialsOf(tenant)[object.id] = object
  if (to === 'deleted') wipeSecret(tenant, object.id)
  tenant.emit(events)
  return object
}

/** The summary shown (never the password) and the password kept behind credential-secrets. */
function authFor(method: CredentialAuthMethod, creds: CredentialAuthInput | null | undefined): { summary: CredentialSummary | null; password: string | null } {
  if (method === 'none') return { summary: null, password: null }
  assert(creds, () => errors.inputMissing('auth_credentials', '`auth_credentials` (`username`, `password`) is required for auth_method `username_password`.'))
  assert(creds.username, () => errors.inputMissing('auth_credentials.username'))
  assert(creds.password, () => errors.inputMissing('auth_credentials.password'))
  const fields = checkSourceFields(creds.source_fields)
  return { summary: { username: creds.username, key: null, ...(fields ? { source_fields: fields } : {}) }, password: creds.password }
}

export function createCredential(tenant: Tenant, input: CreateCredentialInput): Credential {
  getSource(tenant, input.source_id)
  const method = input.auth_method ?? 'none'
  const auth = authFor(method, input.auth_credentials)
  const { object, events } = newCredential({
    id: tenant.id('credential'),
    source_id: input.source_id,
    auth_method: method,
    auth_credentials: auth.summary,
    external_id: input.external_id ?? null,
    created_at: tenant.nowIso(),
  })
  credentialsOf(tenant)[object.id] = object
  if (method === 'username_password') putSecret(tenant, object.id, auth.password)
  tenant.emit(events)
  return object
}

export function listCredentials(tenant: Tenant, query: ListQuery, filters: CredentialFilters) {
  return listPage(
    Object.values(credentialsIn(tenant)),
    query,
    { ...filters },
    (c) =>
      (filters.source_id === undefined || filters.source_id.includes(c.source_id)) &&
      (filters.status === undefined || filters.status.includes(c.status)) &&
      (filters.external_id === undefined || c.external_id === filters.external_id),
  )
}

/**
 * PATCH: only fields sent change. New `auth_credentials` (merged over the
 * old: a PATCH of just the password keeps the username) on a verified or
 * invalid credential → unverified, since nobody knows yet whether they work.
 */
export function updateCredential(
  tenant: Tenant,
  id: string,
  input: { external_id?: string | null | undefined; auth_credentials?: CredentialAuthInput | undefined },
): Credential {
  let credential = usableCredential(tenant, id)
  if (input.external_id !== undefined) {
    credential = { ...credential, external_id: input.external_id, updated_at: tenant.nowIso() }
    credentialsOf(tenant)[id] = credential
  }
  if (input.auth_credentials === undefined) return credential
  assert(credential.auth_method === 'username_password', () =>
    errors.inputInvalid('This credential uses auth_method `none`: it has no `auth_credentials` to change.', 'auth_credentials'),
  )
  const old = credential.auth_credentials
  const sent = input.auth_credentials
  const fields = sent.source_fields !== undefined ? checkSourceFields(sent.source_fields) : old?.source_fields
  const summary: CredentialSummary = { username: sent.username ?? old?.username ?? '', key: null, ...(fields ? { source_fields: fields } : {}) }
  assert(summary.username, () => errors.inputMissing('auth_credentials.username'))
  if (sent.password !== undefined) putSecret(tenant, id, sent.password)
  if (credential.status === 'verified' || credential.status === 'invalid')
    return moveCredential(tenant, credential, 'unverified', { auth_credentials: summary })
  const next: Credential = { ...credential, auth_credentials: summary, updated_at: tenant.nowIso() }
  credentialsOf(tenant)[id] = next
  return next
}

/** DELETE: secrets wiped, status `deleted`, `deleted: true`. Decision: a second DELETE answers 200 with the same object. */
export function deleteCredential(tenant: Tenant, id: string): Credential {
  const credential = getCredential(tenant, id)
  if (credential.status === 'deleted') return credential
  return moveCredential(tenant, credential, 'deleted')
}

/** Control plane: force a status with the same event as a natural transition. */
export function forceCredentialStatus(tenant: Tenant, id: string, to: CredentialStatus): Credential {
  const credential = getCredential(tenant, id)
  assert(canTransitionCredential(credential.status, to), () => errors.invalidState('credential', credential.status, `move the credential to \`${to}\``))
  return to === 'deleted' ? deleteCredential(tenant, id) : moveCredential(tenant, credential, to)
}

/** A login inside a run decided the credential's fate (never touches a deleted one). */
export function loginDecided(tenant: Tenant, credentialId: string | null, to: 'verified' | 'invalid'): void {
  const credential = credentialId ? findCredential(tenant, credentialId) : undefined
  if (!credential || credential.status === to || !canTransitionCredential(credential.status, to)) return
  moveCredential(tenant, credential, to)
}
