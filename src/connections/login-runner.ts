import { secretRefs } from '../tenant/secret-refs.js'
import { connectionErrors } from '../domain/connection.js'
import { readLoginStep } from '../domain/login-play.js'
import { answerStep, expectedStepAnswer, pendingInteraction, playSteps } from '../domain/step-player.js'
import { errors } from '../domain/errors.js'
import type { InteractionStep, SourceScript } from '../domain/login-script.js'
import type { Connection } from '../domain/types.js'
import type { LoginState, Timer } from '../store/data.js'
import { resolveLogin } from '../domain/source-scripts.js'
import { magicCredentials } from '../fixtures/magic-credentials.js'
import { CONNECTION_TIMERS, moveConnection } from './moves.js'
import { endLoginStep, type LoginDriver } from './login-drivers.js'
import type { Tenant, TimerHandler } from '../tenant/tenant.js'
import { findConnection, findLogin, loginsOf } from './state.js'
import { sourceScript } from '../sources/state.js'

/**
 * Plays a source's login script on the tenant's clock. The connection is
 * `connecting` while the source "works"; each step ends in a status or waits
 * (delay, interaction). Steps are data and the position is stored, so a
 * login interrupted by a restart resumes where it was.
 */
export function beginLogin(tenant: Tenant, connection: Connection, password: string | null, options: { reuseCredentials: boolean }): void {
  const script = sourceScript(tenant, connection.source_id)
  const previous = findLogin(tenant, connection.id)
  const username = credentialName(connection)
  const now = tenant.now()
  const setAt = options.reuseCredentials && previous ? previous.credentials_set_at : now
  const ref = secretRefs.connectionPassword(connection.id)
  // The password lives in tenant.secrets, never in the login record (a WAL line would keep it after disconnect).
  const pass = options.reuseCredentials && previous ? (tenant.secrets.get(ref) ?? previous.password) : password
  if (pass === null) tenant.secrets.delete(ref)
  else tenant.secrets.put(ref, pass)
  const resolved = resolveLogin(script, username, pass, magicCredentials())
  const expired = resolved.session.expire_credentials_after !== undefined && now - setAt >= resolved.session.expire_credentials_after
  const login: LoginState = {
    steps: expired ? [{ kind: 'invalid', message: 'The credentials expired or were changed at the source.' }] : resolved.steps,
    index: 0,
    attempts: 0,
    session: resolved.session,
    username,
    password: null,
    credentials_set_at: setAt,
  }
  loginsOf(tenant)[connection.id] = login
  // Expired credentials are known before any page loads: the scripted driver reports them.
  ;(expired ? scriptDriver : driverFor(tenant, script)).begin(tenant, connection, script)
}

/** Plays the steps on the tenant clock (timers below). */
const scriptDriver: LoginDriver = {
  begin: (tenant, connection, script) => {
    tenant.schedule(CONNECTION_TIMERS.step, connection.id, tenant.now() + script.login_delay)
  },
  answer: (tenant, connection, script, inputs) => {
    tenant.schedule(CONNECTION_TIMERS.answer, connection.id, tenant.now() + script.login_delay, { inputs })
  },
}

/** The source's login driver (`login_with`); others are registered in `tenant.hooks.loginDrivers`. */
function driverFor(tenant: Tenant, script: SourceScript): LoginDriver {
  const mode = script.login_with?.mode ?? 'script'
  if (mode === 'script') return scriptDriver
  const driver = tenant.hooks.loginDrivers?.[mode]
  if (!driver)
    throw errors.custom(503, 'source', 'browser_unavailable', `Source \`${script.id}\` logs in with \`${mode}\`, which this emulator has no driver for.`)
  return driver
}

/** Throws the reason a login to the source cannot start (no browser, say), before anything changes. */
export function assertLoginPossible(tenant: Tenant, sourceId: string): void {
  const script = sourceScript(tenant, sourceId)
  const problem = driverFor(tenant, script).unavailable?.(script)
  if (problem) throw problem
}

function credentialName(connection: Connection): string | null {
  const creds = connection.auth_credentials
  if (!creds) return null
  return 'username' in creds ? creds.username : creds.email
}

/** The step the login is waiting on, if it waits for an interaction. */
export function pendingStep(tenant: Tenant, connectionId: string): InteractionStep | undefined {
  return pendingInteraction(findLogin(tenant, connectionId), readLoginStep)
}

export function expectedInputs(tenant: Tenant, connectionId: string): Record<string, string> | undefined {
  return expectedStepAnswer(findLogin(tenant, connectionId), readLoginStep)
}

/** Schedules the check of a submitted answer (the connection is already back to `connecting`). */
export function scheduleAnswer(tenant: Tenant, connection: Connection, inputs: Record<string, unknown>): void {
  const script = sourceScript(tenant, connection.source_id)
  driverFor(tenant, script).answer(tenant, connection, script, inputs)
}

/** Plays the login from its position (domain/step-player.ts): a delay waits on the clock; every other step ends the attempt or asks. */
function playLogin(tenant: Tenant, connection: Connection, login: LoginState): void {
  playSteps(login, readLoginStep, {
    wait: ({ ms }) => void tenant.schedule(CONNECTION_TIMERS.step, connection.id, tenant.now() + ms),
    ask: ({ interaction }) => endLoginStep(tenant, connection, { kind: 'interaction', interaction }),
    end: ({ outcome, message }) => endLoginStep(tenant, connection, outcome === 'connected' ? { kind: 'connected' } : { kind: outcome, message }),
  })
}

/** Loads the connection a timer is about, if it is still in the status the timer expects. */
function timerTarget(tenant: Tenant, timer: Timer, status: Connection['status']) {
  const connection = findConnection(tenant, timer.ref)
  const login = findLogin(tenant, timer.ref)
  return connection?.status === status && login ? { connection, login } : undefined
}

const onStep: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, 'connecting')
  if (target) playLogin(tenant, target.connection, target.login)
}

const onAnswer: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, 'connecting')
  if (!target) return
  const { connection, login } = target
  const action = answerStep(login, readLoginStep, (timer.data?.inputs ?? {}) as Record<string, unknown>)
  switch (action.kind) {
    case 'play':
    case 'next':
      return playLogin(tenant, connection, login)
    case 'exhausted':
      moveConnection(tenant, connection, 'invalid', {
        errors: [connectionErrors.authInvalid(`Too many wrong answers (${action.attempts} of ${action.max_attempts} allowed).`)],
      })
      return
    case 'again':
      moveConnection(tenant, connection, 'interaction_required', { interaction: action.interaction })
  }
}

const onInteractionTimeout: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, 'interaction_required')
  if (target) moveConnection(tenant, target.connection, 'disconnected', { errors: [connectionErrors.interactionTimeout()] })
}

const onSessionEnd: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, 'connected')
  if (!target) return
  const reason = timer.kind === CONNECTION_TIMERS.idle ? 'The session was closed after a period of inactivity.' : 'The source ended the session.'
  moveConnection(tenant, target.connection, 'disconnected', { errors: [connectionErrors.sessionEnded(reason)] })
}

const onInvalidate: TimerHandler = (tenant, timer) => {
  const target = timerTarget(tenant, timer, 'connected')
  if (target) moveConnection(tenant, target.connection, 'invalid', { errors: [connectionErrors.authInvalid('The credentials were changed at the source.')] })
}

export const loginTimerHandlers: Record<string, TimerHandler> = {
  [CONNECTION_TIMERS.step]: onStep,
  [CONNECTION_TIMERS.answer]: onAnswer,
  [CONNECTION_TIMERS.interactionTimeout]: onInteractionTimeout,
  [CONNECTION_TIMERS.idle]: onSessionEnd,
  [CONNECTION_TIMERS.drop]: onSessionEnd,
  [CONNECTION_TIMERS.invalidate]: onInvalidate,
}
