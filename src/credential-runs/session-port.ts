import type { CredentialRun } from '../domain/credential-run.js'
import type { Session } from '../domain/session.js'
import type { Tenant } from '../tenant/tenant.js'

/**
 * What a credentials-generation run needs of its session. Sessions drive runs
 * (a session's login, once done, starts its run's script), so the sessions
 * module imports this one; the way back goes through this port, filled in by
 * the composition root (emulator-hooks.ts), and no import ring is left.
 */
export interface RunSessions {
  /** A run on the session ended: the next queued run starts, or the session goes idle. */
  release(tenant: Tenant, sessionId: string, runId: string): void
  /** Closes the session (`completing`, its other runs `canceling`). */
  close(tenant: Tenant, session: Session): Session
  /** Whether the run's pending interaction belongs to its session's login (not to its run script). */
  loginPending(tenant: Tenant, run: CredentialRun): boolean
}

declare module '../tenant/tenant.js' {
  interface TenantHooks {
    /** The sessions module's side of a run's session (credential-runs/session-port.ts). */
    runSessions?: RunSessions
  }
}

export function runSessions(tenant: Tenant): RunSessions {
  const port = tenant.hooks.runSessions
  if (!port) throw new Error('credential runs need hooks.runSessions (set in emulator-hooks.ts)')
  return port
}
