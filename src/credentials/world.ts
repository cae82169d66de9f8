import type { Credential } from '../domain/credential.js'
import type { CredentialRun } from '../domain/credential-run.js'
import type { Session } from '../domain/session.js'
import type { TaskRunState } from '../store/data.js'
import type { SessionState } from '../store/credentials-data.js'
import { lazyCollection } from '../tenant/collection.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * The credentials generation's collections of a tenant, and the one place
 * that reaches them in `tenant.data`. They are optional in TenantData (a
 * tenant stored before they existed has none), so they are lazy collections
 * (tenant/collection.ts): `…Of` for writes creates the field on first use,
 * through the tracking view; `…In` and `find…` read without creating it (a
 * GET on an old tenant writes nothing).
 */
const credentials = lazyCollection('credentials')
const sessions = lazyCollection('sessions')
const sessionStates = lazyCollection('session_states')
const credentialRuns = lazyCollection('credential_runs')
const credentialRunStates = lazyCollection('credential_run_states')

/** For writes (assign, delete, edit in place). */
export const credentialsOf: (t: Tenant) => Record<string, Credential> = credentials.of
export const sessionsOf: (t: Tenant) => Record<string, Session> = sessions.of
export const sessionStatesOf: (t: Tenant) => Record<string, SessionState> = sessionStates.of
export const credentialRunsOf: (t: Tenant) => Record<string, CredentialRun> = credentialRuns.of
export const credentialRunStatesOf: (t: Tenant) => Record<string, TaskRunState> = credentialRunStates.of

/** For whole-collection reads (never creates the collection). */
export const credentialsIn: (t: Tenant) => Readonly<Record<string, Credential>> = credentials.read
export const sessionsIn: (t: Tenant) => Readonly<Record<string, Session>> = sessions.read
export const credentialRunsIn: (t: Tenant) => Readonly<Record<string, CredentialRun>> = credentialRuns.read

/** One record by id, or undefined (never creates the collection). */
export const findCredential = (t: Tenant, id: string): Credential | undefined => t.data.credentials?.[id]
export const findSession = (t: Tenant, id: string): Session | undefined => t.data.sessions?.[id]
export const findSessionState = (t: Tenant, sessionId: string): SessionState | undefined => t.data.session_states?.[sessionId]
export const findCredentialRun = (t: Tenant, id: string): CredentialRun | undefined => t.data.credential_runs?.[id]
export const findCredentialRunState = (t: Tenant, runId: string): TaskRunState | undefined => t.data.credential_run_states?.[runId]
