import * as z from 'zod'
import { DEFAULT_TIMINGS } from '../domain/login-script.js'

/**
 * The bodies of the three interaction steps (`mfa`, `security_question`, `account_selection`), written
 * the same in a source's login script and in a task's run script. Only the default prompt of an account
 * choice differs: a login connects an account, a run just chooses one. A function, so each caller builds
 * them when it builds its own schemas (on first use, not at import).
 */
export function interactionStepBodies(accountSelectionMessage: string) {
  const maxAttempts = z.number().int().min(1).max(100).default(DEFAULT_TIMINGS.max_attempts)
  const message = z.string().min(1)
  return {
    mfa: z.strictObject({ message: message.default('Enter the 6-digit code we sent you'), code: z.coerce.string().min(1), max_attempts: maxAttempts }),
    security_question: z.strictObject({ question: message, answer: z.coerce.string().min(1), max_attempts: maxAttempts }),
    account_selection: z.strictObject({
      message: message.default(accountSelectionMessage),
      accounts: z.array(z.strictObject({ id: z.coerce.string().min(1), name: z.string().min(1) })).min(1),
      pick: z.coerce.string().optional(),
      max_attempts: maxAttempts,
    }),
  }
}
