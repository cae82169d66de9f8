import type { LoginWith } from './login-with.js'

/**
 * What a fake source does when someone logs in: an ordered list of steps per
 * account, played on every login attempt (create and reopen). Plain data, so
 * it is validated once when a scenario loads and stored with the tenant.
 */
export type LoginStep =
  | { kind: 'connected' }
  | { kind: 'invalid'; message?: string }
  | { kind: 'blocked'; message?: string }
  | { kind: 'timeout'; message?: string }
  | { kind: 'delay'; ms: number }
  | { kind: 'mfa'; message: string; code: string; max_attempts: number }
  | { kind: 'security_question'; question: string; answer: string; max_attempts: number }
  | { kind: 'account_selection'; message: string; accounts: { id: string; name: string }[]; pick?: string; max_attempts: number }

export type InteractionStep = Extract<LoginStep, { kind: 'mfa' | 'security_question' | 'account_selection' }>

export interface SessionScript {
  /** connected → disconnected after this long (a session drop). */
  drop_after?: number
  /** The next reopen after this long since the credentials were given → invalid. */
  expire_credentials_after?: number
  /** connected → invalid after this long (credentials changed at the source while connected). */
  invalidate_after?: number
}

export interface AccountScript {
  username: string
  password?: string
  login: LoginStep[]
  session: SessionScript
}

export interface SourceScript {
  id: string
  name: string
  url: string
  login_delay: number
  idle_timeout: number
  interaction_timeout: number
  accounts: AccountScript[]
  /** Credentials not listed above: a list of steps, or the built-in magic credentials. */
  otherwise: LoginStep[] | 'magic'
  /** Script (default) or a real browser; see domain/login-with.ts. */
  login_with?: LoginWith
  /** Fake site only: every page of `/_sources/{id}/…` answers this much later (real time). */
  page_delay?: number
  /** Fake site only: this many rejected passwords in a row for a username → locked out. */
  lockout_after?: number
  /** Extra emulator-only options kept as given. */
  extras?: Record<string, unknown>
}

export const DEFAULT_TIMINGS = {
  login_delay: 0,
  idle_timeout: 10 * 60_000,
  interaction_timeout: 5 * 60_000,
  max_attempts: 3,
}

export function isInteractionStep(step: LoginStep): step is InteractionStep {
  return step.kind === 'mfa' || step.kind === 'security_question' || step.kind === 'account_selection'
}
