import { credentialRunErrors, type CredentialRun } from '../domain/credential-run.js'
import { readLoginStep, type LoginEnding } from '../domain/login-play.js'
import { answerStep, expectedStepAnswer, playSteps } from '../domain/step-player.js'
import type { Session } from '../domain/session.js'
import type { SessionState } from '../store/credentials-data.js'
import type { Timer } from '../store/data.js'
import { resolveLogin } from '../domain/source-scripts.js'
import { magicCredentials } from '../fixtures/magic-credentials.js'
import { getSecret } from '../credentials/secrets.js'
import { moveCredentialRun } from '../credential-runs/moves.js'
import { CREDENTIAL_TIMERS } from '../credential-runs/timer-kinds.js'
import { beginRunScript } from '../credential-runs/runner.js'
import { loginDecided } from '../credentials/service.js'
import { findCredentialRun, findSession, findCredential, findSessionState } from '../credentials/world.js'
import { closeSession, failSession } from './moves.js'
import type { DeckError } from '../domain/errors.js'
import type { SourceScript } from '../domain/login-script.js'
import type { LoginOutcome } from '../connections/login-drivers.js'
import type { Tenant } from '../tenant/tenant.js'
import { sourceScript } from '../sources/state.js'

/** Who performs a session's login when the source does not play a script (`login_with: browser`). */
export interface SessionLoginDriver {
  unavailable?(script: SourceScript): DeckError | undefined
  begin(tenant: Tenant, sessionId: string, script: SourceScript, username: string, password: string): void
  answer(tenant: Tenant, sessionId: string, inputs: Record<string, unknown>): void
}

// Declared here, not in the core, so src/tenant/ knows nothing of sessions (see connections/login-drivers.ts).
declare module '../tenant/tenant.js' {
  interface TenantHooks {
    /** Credentials generation: who logs a session in for a source that does not play its script (e.g. `browser`). */
    sessionLoginDrivers?: Record<string, SessionLoginDriver>
  }
}

const driverMode = (script: SourceScript) => script.login_with?.mode ?? 'script'

/**
 * The login a session plays for its credential, inside the run that opened
 * it: the same scenario accounts, magic credentials and step player
 * (domain/step-player.ts, domain/login-play.ts) as connections, matched on the credential's
 * username. Its interactions are asked on the run; its outcome decides the
 * credential's status (§3).
 */
export function needsLogin(tenant: Tenant, state: SessionState): boolean {
  if (state.logged_in || !state.credential_id) return false
  return findCredential(tenant, state.credential_id)?.auth_method === 'username_password'
}

export function beginSessionLogin(tenant: Tenant, session: Session, state: SessionState): void {
  const script = sourceScript(tenant, state.source_id)
  const credential = findCredential(tenant, state.credential_id!)
  const secret = getSecret(tenant, state.credential_id!)
  const resolved = resolveLogin(script, credential?.auth_credentials?.username ?? null, secret?.password ?? null, magicCredentials())
  const expire = resolved.session.expire_credentials_after
  const expired = expire !== undefined && tenant.now() - (secret?.set_at ?? 0) >= expire
  state.login = {
    steps: expired ? [{ kind: 'invalid', message: 'The credentials expired or were changed at the source.' }] : resolved.steps,
    index: 0,
    attempts: 0,
    session: resolved.session,
  }
  const mode = driverMode(script)
  // Expired credentials are known before any page loads: the script reports them.
  if (mode === 'script' || expired) return void tenant.schedule(CREDENTIAL_TIMERS.loginStep, session.id, tenant.now() + script.login_delay)
  const driver = tenant.hooks.sessionLoginDrivers?.[mode]
  const problem = driver ? driver.unavailable?.(script)?.message : `This emulator has no \`${mode}\` login driver.`
  const run = state.active_run ? findCredentialRun(tenant, state.active_run) : undefined
  if (problem || !driver) {
    if (run) moveCredentialRun(tenant, run, 'failed', { errors: [credentialRunErrors.browserUnavailable(problem ?? 'No login driver.')] }, { release: false })
    closeSession(tenant, session)
    return
  }
  driver.begin(tenant, session.id, script, credential?.auth_credentials?.username ?? '', secret?.password ?? '')
}

/** Whether `run` is the one the session's login is asking (its answers go to the login, not the run script). */
export function loginPendingFor(tenant: Tenant, run: CredentialRun): boolean {
  const state = findSessionState(tenant, run.session_id)
  return !!state?.login && !state.logged_in && state.active_run === run.id
}

/** Schedules the check of an answer to a login question (the run is already back to `running`). */
export function scheduleLoginAnswer(tenant: Tenant, run: CredentialRun, inputs: Record<string, unknown>): void {
  const script = sourceScript(tenant, run.source_id)
  const driver = tenant.hooks.sessionLoginDrivers?.[driverMode(script)]
  if (driverMode(script) !== 'script' && driver) return driver.answer(tenant, run.session_id, inputs)
  tenant.schedule(CREDENTIAL_TIMERS.loginAnswer, run.session_id, tenant.now() + script.login_delay, { inputs })
}

export function expectedLoginAnswer(tenant: Tenant, run: CredentialRun): Record<string, string> | undefined {
  return expectedStepAnswer(findSessionState(tenant, run.session_id)?.login, readLoginStep)
}

/** The session, its state and the active run, if the login still waits on this timer. */
function loginTarget(tenant: Tenant, timer: Timer) {
  const session = findSession(tenant, timer.ref)
  const state = findSessionState(tenant, timer.ref)
  const run = state?.active_run ? findCredentialRun(tenant, state.active_run) : undefined
  return session?.status === 'running' && state?.login && run?.status === 'running' ? { session, state, run } : undefined
}

function play(tenant: Tenant, session: Session, state: SessionState, run: CredentialRun): void {
  playSteps(state.login!, readLoginStep, {
    wait: ({ ms }) => void tenant.schedule(CREDENTIAL_TIMERS.loginStep, session.id, tenant.now() + ms),
    ask: ({ interaction }) => void moveCredentialRun(tenant, run, 'interaction_required', { interaction }),
    end: ({ outcome, message }) => loginEnded(tenant, session, state, run, outcome, message),
  })
}

/** The §3 outcomes of a login inside a run. */
function loginEnded(tenant: Tenant, session: Session, state: SessionState, run: CredentialRun, outcome: LoginEnding, message?: string): void {
  switch (outcome) {
    case 'connected': {
      const script = state.login!.session
      state.logged_in = true
      state.login = null
      loginDecided(tenant, state.credential_id, 'verified')
      if (script.drop_after !== undefined) tenant.schedule(CREDENTIAL_TIMERS.drop, session.id, tenant.now() + script.drop_after)
      beginRunScript(tenant, run)
      return
    }
    case 'invalid':
      loginDecided(tenant, state.credential_id, 'invalid')
      moveCredentialRun(tenant, run, 'failed', { errors: [credentialRunErrors.authInvalid(message)] }, { release: false })
      closeSession(tenant, session)
      return
    case 'blocked':
      moveCredentialRun(tenant, run, 'failed', { errors: [credentialRunErrors.sourceBlocked(message)] }, { release: false })
      closeSession(tenant, session)
      return
    case 'timeout':
      failSession(tenant, session, credentialRunErrors.sessionTimeout(message))
  }
}

/** An asynchronous driver's outcome (the browser), if the session's login still waits for it. */
export function applySessionBrowserOutcome(tenant: Tenant, sessionId: string, outcome: LoginOutcome): boolean {
  const session = findSession(tenant, sessionId)
  const state = findSessionState(tenant, sessionId)
  const run = state?.active_run ? findCredentialRun(tenant, state.active_run) : undefined
  if (session?.status !== 'running' || !state?.login || run?.status !== 'running') return false
  switch (outcome.kind) {
    case 'interaction':
      moveCredentialRun(tenant, run, 'interaction_required', { interaction: outcome.interaction })
      return true
    case 'unavailable':
      moveCredentialRun(tenant, run, 'failed', { errors: [credentialRunErrors.browserUnavailable(outcome.message)] }, { release: false })
      closeSession(tenant, session)
      return true
    default:
      loginEnded(tenant, session, state, run, outcome.kind, outcome.kind === 'connected' ? undefined : outcome.message)
      return true
  }
}

export const sessionLoginTimerHandlers = {
  [CREDENTIAL_TIMERS.loginStep]: (tenant: Tenant, timer: Timer) => {
    const target = loginTarget(tenant, timer)
    if (target) play(tenant, target.session, target.state, target.run)
  },
  [CREDENTIAL_TIMERS.loginAnswer]: (tenant: Tenant, timer: Timer) => {
    const target = loginTarget(tenant, timer)
    if (!target) return
    const { session, state, run } = target
    const action = answerStep(state.login!, readLoginStep, (timer.data?.inputs ?? {}) as Record<string, unknown>)
    switch (action.kind) {
      case 'play':
      case 'next':
        return play(tenant, session, state, run)
      case 'again':
        moveCredentialRun(tenant, run, 'interaction_required', { interaction: action.interaction })
        return
      case 'exhausted':
        return loginEnded(tenant, session, state, run, 'invalid', `Too many wrong answers (${action.attempts} of ${action.max_attempts} allowed).`)
    }
  },
  [CREDENTIAL_TIMERS.drop]: (tenant: Tenant, timer: Timer) => {
    const session = findSession(tenant, timer.ref)
    if (session && (session.status === 'running' || session.status === 'idle')) failSession(tenant, session, credentialRunErrors.sessionEnded())
  },
}
