import type { AccountScript, InteractionStep, LoginStep } from './login-script.js'

/**
 * The built-in source behaviour (scenario-format §2): the username picks the
 * outcome, Plaid style, so every outcome is reachable with zero configuration.
 */
export const MAGIC_MFA_CODE = '123456'
export const MAGIC_PET_ANSWER = 'rex'

/** The MFA step of `user_mfa`, also inserted when a test forces `interaction_required` on a login without one. */
export const MAGIC_MFA_STEP: InteractionStep = { kind: 'mfa', message: 'Enter the 6-digit code sent to ***-1234', code: MAGIC_MFA_CODE, max_attempts: 3 }
const mfa: LoginStep = MAGIC_MFA_STEP
const question: LoginStep = {
  kind: 'security_question', question: 'What was the name of your first pet?', answer: MAGIC_PET_ANSWER, max_attempts: 3,
}
const accounts: LoginStep = {
  kind: 'account_selection', message: 'Choose the account to connect',
  accounts: [{ id: 'acct_checking', name: 'Checking ••••1234' }, { id: 'acct_savings', name: 'Savings ••••9876' }],
  max_attempts: 3,
}

const MAGIC: Record<string, Omit<AccountScript, 'username'>> = {
  user_good: { login: [{ kind: 'connected' }], session: {} },
  user_mfa: { login: [mfa, { kind: 'connected' }], session: {} },
  user_question: { login: [question, { kind: 'connected' }], session: {} },
  user_accounts: { login: [accounts, { kind: 'connected' }], session: {} },
  user_invalid: { login: [{ kind: 'invalid' }], session: {} },
  user_drop: { login: [{ kind: 'connected' }], session: { drop_after: 60_000 } },
  user_locked: { login: [{ kind: 'blocked' }], session: {} },
  user_slow: { login: [{ kind: 'delay', ms: 5000 }, { kind: 'connected' }], session: {} },
}

export const MAGIC_USERNAMES = Object.keys(MAGIC)

export function magicAccount(username: string, password: string | undefined): Omit<AccountScript, 'username'> {
  if (password === 'wrong') return MAGIC.user_invalid!
  return MAGIC[username] ?? MAGIC.user_good!
}
