import type { CredentialRun } from '../domain/credential-run.js'
import { assert, errors } from '../domain/errors.js'
import { LIVE_SESSION, newSession, canTransitionSession, type Session, type SessionStatus } from '../domain/session.js'
import type { SessionState } from '../store/credentials-data.js'
import { moveCredentialRun } from '../credential-runs/moves.js'
import { CREDENTIAL_TIMERS } from '../credential-runs/timer-kinds.js'
import { beginRunScript } from '../credential-runs/runner.js'
import { credentialRunsOf, findSession, sessionStatesOf, sessionsOf, sessionsIn, findSessionState } from '../credentials/world.js'
import { beginSessionLogin, needsLogin } from './login.js'
import { closeSession, failSession, moveSession } from './moves.js'
import type { Tenant } from '../tenant/tenant.js'
import { sourceScript } from '../sources/state.js'

/**
 * Sessions (credentials contract §3): the browser a run logs in and works
 * in. A session takes one run at a time; later runs wait `queued` in its
 * queue. It logs in once (the first run plays the source's login), then
 * goes `idle` between runs and closes after the source's idle timeout.
 */
export function getSessionRecord(tenant: Tenant, id: string): Session {
  const session = findSession(tenant, id)
  if (!session) throw errors.notFound('session', id)
  return session
}

/** The API object: a live session's runtime keeps counting. */
export function sessionView(tenant: Tenant, session: Session): Session {
  return LIVE_SESSION.includes(session.status) || session.status === 'completing'
    ? { ...session, runtime_ms: Math.max(0, tenant.now() - Date.parse(session.created_at)) }
    : session
}

export function getSession(tenant: Tenant, id: string): Session {
  return sessionView(tenant, getSessionRecord(tenant, id))
}

/** `limits.sessions` (scenario; unlimited by default): a run needing a new session beyond it → 429 with Retry-After. */
export function assertSessionAvailable(tenant: Tenant): void {
  const limit = tenant.scenario?.limits?.sessions
  if (limit === undefined) return
  const live = Object.values(sessionsIn(tenant)).filter((s) => LIVE_SESSION.includes(s.status))
  if (live.length < limit) return
  // Retry-After: the soonest an idle session times out (1 minute when none is idle).
  const now = tenant.now()
  const waits = live
    .filter((s) => s.status === 'idle')
    .map((s) => {
      const state = findSessionState(tenant, s.id)
      return Date.parse(s.updated_at) + sourceScript(tenant, state?.source_id ?? '').idle_timeout - now
    })
  const ms = waits.length ? Math.min(...waits) : 60_000
  throw errors.sessionLimitExceeded(Math.max(1, Math.ceil(ms / 1000)))
}

/** A run without `session_id`: a new session, provisioned once the request has been answered (after `delayMs`). */
export function openSession(tenant: Tenant, credentialId: string | null, sourceId: string, delayMs: number, id = tenant.id('session')): Session {
  const { object, events } = newSession(id, tenant.nowIso())
  sessionsOf(tenant)[object.id] = object
  sessionStatesOf(tenant)[object.id] = { credential_id: credentialId, source_id: sourceId, login: null, logged_in: false, active_run: null, queue: [] }
  tenant.emit(events)
  tenant.schedule(CREDENTIAL_TIMERS.provision, object.id, tenant.now() + delayMs)
  return object
}

/** A run joins the session's queue (and its `task_runs`); an idle session picks it up once the request is answered. */
export function enqueueRun(tenant: Tenant, session: Session, run: CredentialRun): void {
  const state = sessionStatesOf(tenant)[session.id]!
  state.queue.push(run.id)
  sessionsOf(tenant)[session.id] = {
    ...session,
    task_runs: [...session.task_runs, { id: run.id, task_id: run.task_id, agent_id: run.agent_id, credential_id: run.credential_id }],
  }
  if (session.status === 'idle') tenant.schedule(CREDENTIAL_TIMERS.next, session.id, tenant.now())
}

/** Starts the oldest queued run, or lets a running session go idle when none waits. */
function startNext(tenant: Tenant, session: Session, state: SessionState): void {
  if (state.active_run) return
  const runs = credentialRunsOf(tenant)
  let run: CredentialRun | undefined
  while (!run && state.queue.length) {
    const candidate = runs[state.queue.shift()!]
    if (candidate?.status === 'queued') run = candidate
  }
  if (!run) {
    if (session.status === 'running') moveSession(tenant, session, 'idle')
    return
  }
  if (session.status === 'idle') session = moveSession(tenant, session, 'running')
  state.active_run = run.id
  run = moveCredentialRun(tenant, run, 'running')
  if (needsLogin(tenant, state)) beginSessionLogin(tenant, session, state)
  else beginRunScript(tenant, run)
}

/** A run on the session ended: the next one starts (no second login), or the session goes idle. */
export function releaseSession(tenant: Tenant, sessionId: string, runId: string): void {
  const state = findSessionState(tenant, sessionId)
  const session = findSession(tenant, sessionId)
  if (!state || !session) return
  if (state.active_run === runId) state.active_run = null
  state.queue = state.queue.filter((id) => id !== runId)
  if (session.status === 'running' || session.status === 'idle') startNext(tenant, session, state)
}

/** `POST /v2/sessions/{id}/end`: on `completing`/`completed` → the same object; on `failed` → 409. */
export function endSession(tenant: Tenant, id: string): Session {
  const session = getSessionRecord(tenant, id)
  if (session.status === 'completing' || session.status === 'completed') return sessionView(tenant, session)
  assert(session.status !== 'failed', () => errors.invalidState('session', session.status, 'end the session'))
  return sessionView(tenant, closeSession(tenant, session))
}

/** Control plane: force a status; `completing`/`completed` close it like /end, `failed` fails its runs. */
export function forceSessionStatus(tenant: Tenant, id: string, to: SessionStatus): Session {
  const session = getSessionRecord(tenant, id)
  // `completed` is reached through `completing` (as /end does), so any session that can close may be sent there.
  const allowed =
    to === 'completed' ? canTransitionSession(session.status, 'completing') || session.status === 'completing' : canTransitionSession(session.status, to)
  assert(allowed, () => errors.invalidState('session', session.status, `move the session to \`${to}\``))
  if (to === 'failed')
    return sessionView(
      tenant,
      failSession(tenant, session, { type: 'session', code: 'session_ended', message: 'The session was failed through the control plane.' }),
    )
  if (to === 'completing' || to === 'completed') {
    const closing = session.status === 'completing' ? session : closeSession(tenant, session)
    if (to === 'completed') {
      tenant.runDue()
      return getSession(tenant, id)
    }
    return sessionView(tenant, closing)
  }
  const next = moveSession(tenant, session, to)
  const state = sessionStatesOf(tenant)[id]
  if (state && to === 'running' && !state.active_run) tenant.schedule(CREDENTIAL_TIMERS.next, id, tenant.now())
  return sessionView(tenant, next)
}

const liveSession = (tenant: Tenant, id: string, statuses: SessionStatus[]) => {
  const session = findSession(tenant, id)
  const state = findSessionState(tenant, id)
  return session && state && statuses.includes(session.status) ? { session, state } : undefined
}

export const sessionTimerHandlers = {
  [CREDENTIAL_TIMERS.provision]: (tenant: Tenant, timer: { ref: string }) => {
    const target = liveSession(tenant, timer.ref, ['queued'])
    if (target) startNext(tenant, moveSession(tenant, target.session, 'running'), target.state)
  },
  [CREDENTIAL_TIMERS.next]: (tenant: Tenant, timer: { ref: string }) => {
    const target = liveSession(tenant, timer.ref, ['idle', 'running'])
    if (target) startNext(tenant, target.session, target.state)
  },
  [CREDENTIAL_TIMERS.idle]: (tenant: Tenant, timer: { ref: string }) => {
    const target = liveSession(tenant, timer.ref, ['idle'])
    if (target) closeSession(tenant, target.session)
  },
  [CREDENTIAL_TIMERS.complete]: (tenant: Tenant, timer: { ref: string }) => {
    const session = findSession(tenant, timer.ref)
    if (session?.status === 'completing') moveSession(tenant, session, 'completed')
  },
}
