import { loginTimerHandlers } from './connections/login-runner.js'
import { CONNECTION_TIMERS } from './connections/moves.js'
import { credentialTimerHandlers } from './credential-runs/timers.js'
import type { Logger } from './log/logger.js'
import { failRunsOnSessionEnd, holdIdleWhileRunning, taskRunTimerHandlers } from './task-runs/runner.js'
import type { TenantHooks } from './tenant/tenant.js'
import { loginPendingFor } from './sessions/login.js'
import { closeSession } from './sessions/moves.js'
import { releaseSession } from './sessions/service.js'

/**
 * The resources' hooks into every tenant: their timer handlers and what
 * follows a connection's status change. Installers (webhooks, artifacts,
 * browser) add theirs on top.
 */
export function resourceHooks(logger: Logger): TenantHooks {
  return {
    onEvent: [],
    timers: {
      ...loginTimerHandlers,
      ...taskRunTimerHandlers,
      ...credentialTimerHandlers,
      // A connection with a task run in flight is not idle: the run holds it open.
      [CONNECTION_TIMERS.idle]: holdIdleWhileRunning(loginTimerHandlers[CONNECTION_TIMERS.idle]!),
    },
    onConnectionMoved: [(tenant, connection, from) => logger.transition(tenant.key, connection, from, tenant.nowIso()), failRunsOnSessionEnd],
    loginDrivers: {},
    // A credentials-generation run's way back to its session (credential-runs/session-port.ts).
    runSessions: { release: releaseSession, close: closeSession, loginPending: loginPendingFor },
  }
}
