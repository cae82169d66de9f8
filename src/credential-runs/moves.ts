import {
  ACTIVE_CREDENTIAL_RUN,
  transitionCredentialRun,
  type CredentialRun,
  type CredentialRunChanges,
  type CredentialRunStatus,
} from '../domain/credential-run.js'
import { credentialRunStatesOf, credentialRunsOf, findCredential } from '../credentials/world.js'
import { runSessions } from './session-port.js'
import type { Tenant } from '../tenant/tenant.js'
import { CREDENTIAL_TIMERS } from './timer-kinds.js'
import { afterCredentialRunMoved } from '../artifacts/credential-runs.js'
import { sourceScript } from '../sources/state.js'

export { CREDENTIAL_TIMERS }

/**
 * The one way a credentials-generation run changes status: the pure
 * transition, its timers (interaction timeout, the cancel that follows
 * `canceling`), the event, and — when the run is over — the session it
 * used is released for the next run (`release: false` when the caller is
 * about to close or fail the session itself).
 */
export function moveCredentialRun(
  tenant: Tenant,
  run: CredentialRun,
  to: CredentialRunStatus,
  changes: CredentialRunChanges = {},
  options: { release?: boolean } = {},
): CredentialRun {
  const states = credentialRunStatesOf(tenant)
  const state = states[run.id]
  const now = tenant.now()
  if (state && to === 'running' && state.started_at === null) state.started_at = now
  const runtime = state?.started_at != null ? { runtime_ms: now - state.started_at } : {}
  const externalId = run.credential_id ? (findCredential(tenant, run.credential_id)?.external_id ?? null) : null
  const { object, events } = transitionCredentialRun(run, to, tenant.nowIso(), { ...runtime, ...changes }, externalId)
  credentialRunsOf(tenant)[object.id] = object
  tenant.timers.cancel(object.id)
  if (to === 'interaction_required') {
    tenant.schedule(CREDENTIAL_TIMERS.runInteractionTimeout, object.id, now + sourceScript(tenant, object.source_id).interaction_timeout)
  }
  if (to === 'canceling') tenant.schedule(CREDENTIAL_TIMERS.runCancel, object.id, now)
  const over = !ACTIVE_CREDENTIAL_RUN.includes(to)
  // Timeouts follow the run's activity; an ended run keeps its screenshots (artifacts/credential-runs.ts).
  afterCredentialRunMoved(tenant, object, state?.timeout_seconds)
  if (over) delete states[object.id]
  tenant.emit(events)
  if (over && options.release !== false) runSessions(tenant).release(tenant, object.session_id, object.id)
  return object
}
