import type { Credential } from '../domain/credential.js'
import type { CredentialRun } from '../domain/credential-run.js'
import type { Session } from '../domain/session.js'
import type { TaskRunState } from '../store/data.js'
import type { SessionState } from '../store/credentials-data.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * The credentials generation's collections of a tenant. They are optional in
 * TenantData (a tenant stored before they existed has none), so every module
 * reaches them through here, which creates them on first use.
 */
export const credentialsOf = (t: Tenant): Record<string, Credential> => (t.data.credentials ??= {})
export const sessionsOf = (t: Tenant): Record<string, Session> => (t.data.sessions ??= {})
export const sessionStatesOf = (t: Tenant): Record<string, SessionState> => (t.data.session_states ??= {})
export const credentialRunsOf = (t: Tenant): Record<string, CredentialRun> => (t.data.credential_runs ??= {})
export const credentialRunStatesOf = (t: Tenant): Record<string, TaskRunState> => (t.data.credential_run_states ??= {})

/** Read-only lookups that do not create the collection (GET on an old tenant writes nothing). */
export const findCredentialRun = (t: Tenant, id: string): CredentialRun | undefined => t.data.credential_runs?.[id]
export const findSession = (t: Tenant, id: string): Session | undefined => t.data.sessions?.[id]
