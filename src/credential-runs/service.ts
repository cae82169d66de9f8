import { CANCELABLE_CREDENTIAL_RUN, credentialRunView, newCredentialRun, type CredentialRun } from '../domain/credential-run.js'
import { assert, errors } from '../domain/errors.js'
import type { IncludeSection } from '../domain/include.js'
import { assertAnswersEveryField } from '../domain/interaction.js'
import { validateInput } from '../domain/json-schema.js'
import { LIVE_SESSION } from '../domain/session.js'
import { moveCredentialRun } from './moves.js'
import { expectedScriptAnswer, prepareRunScript, reviewRun, scheduleScriptAnswer } from './runner.js'
import { credentialRunsOf, findCredentialRun, findCredential, findSession, findSessionState } from '../credentials/world.js'
import { usableCredential } from '../credentials/service.js'
import { expectedLoginAnswer, loginPendingFor, scheduleLoginAnswer } from '../sessions/login.js'
import { assertSessionAvailable, enqueueRun, getSessionRecord, openSession } from '../sessions/service.js'
import { getSource } from '../sources/service.js'
import { getTask } from '../tasks/service.js'
import type { Tenant } from '../tenant/tenant.js'

export interface CredentialRunBody {
  credential_id?: string | undefined
  source_id?: string | undefined
  session_id?: string | undefined
  input?: Record<string, unknown> | undefined
}

export const isCredentialRunBody = (body: CredentialRunBody): boolean =>
  body.credential_id !== undefined || body.source_id !== undefined || body.session_id !== undefined

export function findCredentialRunOrThrow(tenant: Tenant, id: string): CredentialRun {
  const run = findCredentialRun(tenant, id)
  if (!run) throw errors.notFound('task_run', id)
  return run
}

const INPUT_ONLY: ReadonlySet<IncludeSection> = new Set(['input'])

/**
 * `POST /v2/tasks/{id}/run` in the credentials generation: checks
 * everything before anything changes (task, credential, session, source,
 * input, session limit), then queues the run on its session — a new one,
 * or the live session it names. → 201 `queued` with `session_id` set.
 */
export function runCredentialTask(tenant: Tenant, taskId: string, body: CredentialRunBody): Record<string, unknown> {
  const task = getTask(tenant, taskId)
  const credential = body.credential_id !== undefined ? usableCredential(tenant, body.credential_id) : undefined
  let session = body.session_id !== undefined ? getSessionRecord(tenant, body.session_id) : undefined
  const sessionState = session ? findSessionState(tenant, session.id) : undefined
  if (session) assert(LIVE_SESSION.includes(session.status) && sessionState, () => errors.sessionNotActive(session!.id, session!.status))
  if (credential && sessionState && sessionState.credential_id !== null && sessionState.credential_id !== credential.id) {
    throw errors.inputInvalid(`Session \`${session!.id}\` belongs to another credential.`, 'credential_id')
  }
  const credentialId = credential?.id ?? sessionState?.credential_id ?? null
  const defaultSource = credential?.source_id ?? sessionState?.source_id
  if (body.source_id !== undefined && defaultSource !== undefined && body.source_id !== defaultSource) {
    throw errors.inputInvalid(`\`source_id\` must be the credential's source (\`${defaultSource}\`).`, 'source_id')
  }
  const sourceId = body.source_id ?? defaultSource!
  getSource(tenant, sourceId)
  const input = body.input ?? {}
  validateInput(task.input_schema, input)
  if (!session) assertSessionAvailable(tenant)

  const runId = tenant.id('task_run')
  const externalId = credentialId ? (findCredential(tenant, credentialId)?.external_id ?? null) : null
  const username = credentialId ? (findCredential(tenant, credentialId)?.auth_credentials?.username ?? null) : null
  // The run is made first (its id names the session's first run), the session right after.
  const sessionId = session?.id ?? tenant.id('session')
  const { object, events } = newCredentialRun(
    {
      id: runId,
      task_id: task.id,
      credential_id: credentialId,
      session_id: sessionId,
      agent_id: task.agent_id,
      source_id: sourceId,
      input,
      created_at: tenant.nowIso(),
    },
    externalId,
  )
  credentialRunsOf(tenant)[object.id] = object
  const queuedFor = prepareRunScript(tenant, object, task, username)
  tenant.emit(events)
  session ??= openSession(tenant, credentialId, sourceId, queuedFor, sessionId)
  enqueueRun(tenant, findSession(tenant, session.id)!, object)
  return credentialRunView(object, INPUT_ONLY)
}

export function getCredentialRun(tenant: Tenant, id: string, include: ReadonlySet<IncludeSection>): Record<string, unknown> {
  return credentialRunView(findCredentialRunOrThrow(tenant, id), include)
}

/** Cancel: → `canceling` now, `canceled` on the next tick (after this response). */
export function cancelCredentialRun(tenant: Tenant, id: string): Record<string, unknown> {
  const run = findCredentialRunOrThrow(tenant, id)
  assert(CANCELABLE_CREDENTIAL_RUN.includes(run.status), () =>
    errors.invalidState('task run', run.status, 'cancel (only a `queued`, `running`, `interaction_required` or `review_required` task run can be canceled)'),
  )
  return credentialRunView(moveCredentialRun(tenant, run, 'canceling'), new Set())
}

/** `{"input":{…}}`: every field present, then the login (or the run script) checks it once the response is sent. */
export function submitCredentialRunInteraction(tenant: Tenant, id: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const run = findCredentialRunOrThrow(tenant, id)
  assert(run.status === 'interaction_required' && run.interaction, () => errors.interactionNotRequired('task run', run.status))
  assertAnswersEveryField(run.interaction, inputs, 'input')
  const duringLogin = loginPendingFor(tenant, run)
  const next = moveCredentialRun(tenant, run, 'running')
  if (duringLogin) scheduleLoginAnswer(tenant, next, inputs)
  else scheduleScriptAnswer(tenant, next, inputs)
  return credentialRunView(next, new Set())
}

export function reviewCredentialRun(tenant: Tenant, id: string, approve: boolean): Record<string, unknown> {
  return credentialRunView(reviewRun(tenant, findCredentialRunOrThrow(tenant, id), approve), new Set())
}

/** Control plane: what the pending interaction expects, as `{input}` is sent in this generation. */
export function expectedCredentialRunInput(tenant: Tenant, id: string): Record<string, string> {
  const run = findCredentialRunOrThrow(tenant, id)
  const input =
    run.status !== 'interaction_required' ? undefined : loginPendingFor(tenant, run) ? expectedLoginAnswer(tenant, run) : expectedScriptAnswer(tenant, run.id)
  if (!input) throw errors.interactionNotRequired('task run', run.status)
  return input
}
