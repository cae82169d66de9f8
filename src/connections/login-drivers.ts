import { connectionErrors } from '../domain/connection.js'
import type { DeckError } from '../domain/errors.js'
import type { SourceScript } from '../domain/login-script.js'
import type { Connection, Interaction } from '../domain/types.js'
import { moveConnection } from './moves.js'
import type { Tenant } from '../tenant/tenant.js'
import { findConnection, findLogin } from './state.js'

/**
 * Who performs a login once the connection is `connecting`. The scripted
 * driver plays the steps on the tenant clock (login-runner.ts); the browser
 * driver (src/browser/) drives a real page and reports back through
 * `applyLoginOutcome`. Chosen per source by `login_with`.
 */
export interface LoginDriver {
  /** Why this driver cannot log in to the source right now (checked before a connection is created or reopened). */
  unavailable?(script: SourceScript): DeckError | undefined
  /** A login starts: `tenant.data.logins[connection.id]` holds the credentials and resolved steps. */
  begin(tenant: Tenant, connection: Connection, script: SourceScript): void
  /** An answer to the pending interaction was submitted; the connection is back to `connecting`. */
  answer(tenant: Tenant, connection: Connection, script: SourceScript, inputs: Record<string, unknown>): void
}

// The registry lives on the tenant hooks (one per emulator) but is declared
// here, so the arrow points from this module to the core (Hono's
// ContextVariableMap pattern): src/tenant/ knows nothing of logins.
declare module '../tenant/tenant.js' {
  interface TenantHooks {
    /** Login drivers other than the scripted one, by `login_with` mode (e.g. `browser`). */
    loginDrivers?: Record<string, LoginDriver>
  }
}

/** What an asynchronous driver saw at the end of a page. */
export type LoginOutcome =
  | { kind: 'connected' }
  | { kind: 'interaction'; interaction: Interaction }
  | { kind: 'invalid' | 'blocked' | 'timeout'; message?: string | undefined }
  | { kind: 'unavailable'; message: string }

/**
 * Applies an asynchronous driver's outcome, if the connection still waits
 * for it (it may have been terminated, reset or reopened meanwhile).
 * Returns whether anything changed; the caller commits (settle).
 */
export function applyLoginOutcome(tenant: Tenant, connectionId: string, outcome: LoginOutcome): boolean {
  const connection = findConnection(tenant, connectionId)
  if (connection?.status !== 'connecting') return false
  endLoginStep(tenant, connection, outcome)
  return true
}

/** The one mapping from a login outcome to the connection's status and `errors[]` (scripted and browser logins). */
export function endLoginStep(tenant: Tenant, connection: Connection, outcome: LoginOutcome): void {
  switch (outcome.kind) {
    case 'connected':
      moveConnection(tenant, connection, 'connected')
      break
    case 'interaction':
      moveConnection(tenant, connection, 'interaction_required', { interaction: outcome.interaction })
      break
    case 'invalid':
      moveConnection(tenant, connection, 'invalid', { errors: [connectionErrors.authInvalid(outcome.message)] })
      break
    case 'blocked':
      moveConnection(tenant, connection, 'invalid', { errors: [connectionErrors.blocked(outcome.message)] })
      break
    case 'timeout':
      moveConnection(tenant, connection, 'disconnected', { errors: [connectionErrors.timeout(outcome.message)] })
      break
    case 'unavailable':
      moveConnection(tenant, connection, 'disconnected', { errors: [{ type: 'connection', code: 'browser_unavailable', message: outcome.message }] })
      break
  }
}

/**
 * A page that plays the login script (the fake source site) reports where
 * it is, so the control plane's expected-answer works for browser logins too.
 */
export function mirrorLoginProgress(tenant: Tenant, connectionId: string, index: number, attempts: number): void {
  const login = findLogin(tenant, connectionId)
  if (!login) return
  login.index = index
  login.attempts = attempts
}
