import type { EventDraft, TransitionResult } from './connection.js'
import { assert, errors } from './errors.js'
import type { Iso } from './types.js'

/**
 * The credential state machine (credentials contract §2). Like connections,
 * every status change goes through `transitionCredential()`, which returns
 * the new object and its event drafts; services only store and emit them.
 * The password is never part of this object (services/credential-secrets.ts).
 */
export const CREDENTIAL_STATUSES = ['unverified', 'verified', 'invalid', 'deleted'] as const
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number]

export const CREDENTIAL_AUTH_METHODS = ['username_password', 'none'] as const
export type CredentialAuthMethod = (typeof CREDENTIAL_AUTH_METHODS)[number]

export const CREDENTIAL_TRANSITIONS: Record<CredentialStatus, readonly CredentialStatus[]> = {
  unverified: ['verified', 'invalid', 'deleted'],
  // Decision: `invalid → verified` when a later login succeeds (the scenario changed at the source).
  verified: ['invalid', 'unverified', 'deleted'],
  invalid: ['unverified', 'verified', 'deleted'],
  deleted: [],
}

export interface CredentialSummary {
  username: string
  key: null
  source_fields?: Record<string, string>
}

export interface Credential {
  id: string
  object: 'credential'
  status: CredentialStatus
  source_id: string
  auth_method: CredentialAuthMethod
  auth_credentials: CredentialSummary | null
  external_id: string | null
  created_at: Iso
  updated_at: Iso
  deleted?: true
}

export const canTransitionCredential = (from: CredentialStatus, to: CredentialStatus): boolean => CREDENTIAL_TRANSITIONS[from].includes(to)

/** Event payload: the credential without `auth_credentials` (contract §5). */
function credentialEvent(credential: Credential, type = `credential.${credential.status}`): EventDraft {
  const { auth_credentials: _omit, ...summary } = credential
  return { type, data: { ...summary } }
}

export function transitionCredential(
  credential: Credential,
  to: CredentialStatus,
  nowIso: string,
  changes: { auth_credentials?: CredentialSummary | null } = {},
): TransitionResult<Credential> {
  if (!canTransitionCredential(credential.status, to)) {
    throw errors.invalidState('credential', credential.status, `move the credential to \`${to}\``)
  }
  const next: Credential = {
    ...credential,
    status: to,
    auth_credentials: changes.auth_credentials !== undefined ? changes.auth_credentials : credential.auth_credentials,
    updated_at: nowIso,
    ...(to === 'deleted' ? { deleted: true as const } : {}),
  }
  return { object: next, events: [credentialEvent(next)] }
}

export function newCredential(
  fields: Pick<Credential, 'id' | 'source_id' | 'auth_method' | 'auth_credentials' | 'external_id' | 'created_at'>,
): TransitionResult<Credential> {
  // Built field by field so the JSON keys come out in the documented order.
  const credential: Credential = {
    id: fields.id,
    object: 'credential',
    status: 'unverified',
    source_id: fields.source_id,
    auth_method: fields.auth_method,
    auth_credentials: fields.auth_credentials,
    external_id: fields.external_id,
    created_at: fields.created_at,
    updated_at: fields.created_at,
  }
  return { object: credential, events: [credentialEvent(credential, 'credential.created')] }
}

const SOURCE_FIELD_KEY = /^[a-z][a-z0-9_]{0,63}$/
export const MAX_SOURCE_FIELDS = 10

/** Contract §2: keys `^[a-z][a-z0-9_]{0,63}$`, at most 10, never `username`/`password`; values are strings. */
export function checkSourceFields(fields: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (fields === undefined) return undefined
  const keys = Object.keys(fields)
  assert(keys.length <= MAX_SOURCE_FIELDS, () =>
    errors.inputInvalid(
      `\`auth_credentials.source_fields\` has ${keys.length} keys; at most ${MAX_SOURCE_FIELDS} are allowed.`,
      'auth_credentials.source_fields',
    ),
  )
  const out: Record<string, string> = {}
  for (const key of keys) {
    const field = `auth_credentials.source_fields.${key}`
    assert(SOURCE_FIELD_KEY.test(key), () => errors.inputInvalid(`Source field names match ^[a-z][a-z0-9_]{0,63}$; \`${key}\` does not.`, field))
    assert(key !== 'username' && key !== 'password', () =>
      errors.inputInvalid(`\`${key}\` is not allowed as a source field: send it in auth_credentials.`, field),
    )
    const value = fields[key]
    assert(typeof value === 'string' && value.length <= 1024, () => errors.inputInvalid(`\`${field}\` must be a string of at most 1024 characters.`, field))
    out[key] = value
  }
  return out
}
