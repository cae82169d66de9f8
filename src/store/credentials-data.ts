import type { LoginStep, SessionScript } from '../domain/login-script.js'

/** The secret part of a credential. Never returned, logged or evented; wiped on delete. */
/** What services/credential-secrets.ts hands out: the password (from the secret store) and when it was set. */
export interface CredentialSecret {
  password: string | null
  /** Tenant time the secret was given (create or PATCH): `expire_credentials_after` counts from here. */
  set_at: number
}

/** What the tenant's data keeps of a credential's secret: never the password itself. */
export interface CredentialSecretMeta {
  set_at: number
}

/** A session's login in progress (the source's scripted steps). */
export interface SessionLogin {
  steps: LoginStep[]
  index: number
  attempts: number
  session: SessionScript
}

/** Internal state of a session. Never returned by the API. */
export interface SessionState {
  credential_id: string | null
  source_id: string
  /** The login being played, until it ends. */
  login: SessionLogin | null
  /** Logged in at the source: later runs on the session skip the login. */
  logged_in: boolean
  /** The run using the session now (one at a time). */
  active_run: string | null
  /** Runs waiting `queued` for the session, oldest first. */
  queue: string[]
}
