import { CANCELABLE_CREDENTIAL_RUN, type CredentialRun } from '../domain/credential-run.js'
import type { ErrorDetail } from '../domain/errors.js'
import { transitionSession, type Session, type SessionStatus } from '../domain/session.js'
import { sourceScript } from '../sources/state.js'
import type { SessionState } from '../store/credentials-data.js'
import { moveCredentialRun } from '../credential-runs/moves.js'
import { CREDENTIAL_TIMERS } from '../credential-runs/timer-kinds.js'
import { credentialRunsOf, sessionStatesOf, sessionsOf } from '../credentials/world.js'
import type { Tenant } from '../tenant/tenant.js'

/** The one way a session changes status: transition, its timers, the event. */
export function moveSession(tenant: Tenant, session: Session, to: SessionStatus): Session {
  const { object, events } = transitionSession(session, to, tenant.now(), tenant.nowIso())
  sessionsOf(tenant)[object.id] = object
  const states = sessionStatesOf(tenant)
  if (session.status === 'idle') tenant.timers.cancel(object.id, [CREDENTIAL_TIMERS.idle])
  if (to === 'idle') {
    const state = states[object.id]
    tenant.schedule(CREDENTIAL_TIMERS.idle, object.id, tenant.now() + sourceScript(tenant, state?.source_id ?? '').idle_timeout)
  }
  if (to === 'completed' || to === 'failed') {
    tenant.timers.cancel(object.id)
    delete states[object.id]
  }
  tenant.emit(events)
  return object
}

/** The session's runs that have not ended: the active one first, then the queue. */
function liveRuns(tenant: Tenant, state: SessionState): CredentialRun[] {
  const runs = credentialRunsOf(tenant)
  const ids = [...(state.active_run ? [state.active_run] : []), ...state.queue]
  return ids.map((id) => runs[id]).filter((r): r is CredentialRun => !!r && CANCELABLE_CREDENTIAL_RUN.includes(r.status))
}

/** `/end`, idle timeout or a login that failed: `completing` (its runs `canceling`), then `completed` on the next tick. */
export function closeSession(tenant: Tenant, session: Session): Session {
  const state = sessionStatesOf(tenant)[session.id]
  const next = moveSession(tenant, session, 'completing')
  if (state) {
    for (const run of liveRuns(tenant, state)) moveCredentialRun(tenant, run, 'canceling', {}, { release: false })
    state.queue = []
  }
  tenant.schedule(CREDENTIAL_TIMERS.complete, next.id, tenant.now())
  return next
}

/** Login timeout or a scripted drop: the session fails, and so do its runs. */
export function failSession(tenant: Tenant, session: Session, error: ErrorDetail): Session {
  const state = sessionStatesOf(tenant)[session.id]
  if (state) for (const run of liveRuns(tenant, state)) moveCredentialRun(tenant, run, 'failed', { errors: [error] }, { release: false })
  return moveSession(tenant, session, 'failed')
}
