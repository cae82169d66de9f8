import type { AccountScript } from './login-script.js'

/**
 * The built-in source behaviour (scenario-format §2): the username picks the
 * outcome, Plaid style, so every outcome is reachable with zero configuration.
 * The table itself is data (fixtures/magic-credentials.json, loaded and
 * validated by src/fixtures/magic-credentials.ts); this is the rule that reads it.
 */
export interface MagicCredentials {
  /** This password logs any magic username in as `account` (e.g. `wrong` → user_invalid). */
  wrong_password: { password: string; account: string }
  /** The account an unknown username gets. */
  otherwise: string
  accounts: Record<string, Omit<AccountScript, 'username'>>
}

export function magicAccount(table: MagicCredentials, username: string, password: string | undefined): Omit<AccountScript, 'username'> {
  if (password === table.wrong_password.password) return table.accounts[table.wrong_password.account]!
  return table.accounts[username] ?? table.accounts[table.otherwise]!
}
