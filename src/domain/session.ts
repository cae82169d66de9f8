import type { EventDraft, TransitionResult } from './connection.js'
import { errors } from './errors.js'
import type { Iso } from './types.js'

/**
 * The session state machine (credentials contract §3): the browser a run
 * logs in and works in. Pure, like the other machines: the new object plus
 * its event drafts.
 */
export const SESSION_STATUSES = ['queued', 'running', 'idle', 'completing', 'completed', 'failed'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

export const SESSION_TRANSITIONS: Record<SessionStatus, readonly SessionStatus[]> = {
  queued: ['running', 'completing', 'failed'],
  // `running → completing`: /end (or a login that failed) closes a busy session.
  running: ['idle', 'completing', 'failed'],
  idle: ['running', 'completing', 'failed'],
  completing: ['completed', 'failed'],
  completed: [],
  failed: [],
}

/** A session that still counts against `limits.sessions` and can take runs (completing ones are on their way out). */
export const LIVE_SESSION: readonly SessionStatus[] = ['queued', 'running', 'idle']

export interface SessionRunRef {
  id: string
  task_id: string
  agent_id: string
  credential_id: string | null
}

export interface Session {
  id: string
  object: 'session'
  status: SessionStatus
  runtime_ms: number
  task_runs: SessionRunRef[]
  created_at: Iso
  updated_at: Iso
}

export const canTransitionSession = (from: SessionStatus, to: SessionStatus): boolean => SESSION_TRANSITIONS[from].includes(to)

/** Event payload (contract §5): `{id, object, status, runtime_ms, created_at, updated_at}`. */
function sessionEvent(session: Session): EventDraft {
  const { id, object, status, runtime_ms, created_at, updated_at } = session
  return { type: `session.${status}`, data: { id, object, status, runtime_ms, created_at, updated_at } }
}

/** `runtime_ms` counts from creation to the session's end (tenant clock). */
export function transitionSession(session: Session, to: SessionStatus, now: number, nowIso: string): TransitionResult<Session> {
  if (!canTransitionSession(session.status, to)) throw errors.invalidState('session', session.status, `move the session to \`${to}\``)
  const next: Session = { ...session, status: to, runtime_ms: Math.max(0, now - Date.parse(session.created_at)), updated_at: nowIso }
  return { object: next, events: [sessionEvent(next)] }
}

export function newSession(id: string, nowIso: string): TransitionResult<Session> {
  const session: Session = { id, object: 'session', status: 'queued', runtime_ms: 0, task_runs: [], created_at: nowIso, updated_at: nowIso }
  return { object: session, events: [sessionEvent(session)] }
}
