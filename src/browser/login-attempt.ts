import { errors, type DeckError } from '../domain/errors.js'
import type { SourceScript } from '../domain/login-script.js'
import type { LoginOutcome } from '../connections/login-drivers.js'
import { BrowserUnavailableError, type BrowserPool } from './browser-pool.js'

/**
 * One page action of a browser login, for both drivers (connections and
 * sessions): whatever it throws becomes an outcome, so a broken page ends
 * the login instead of leaving it waiting — `unavailable` when Chromium
 * cannot start, `timeout` with the first line of the error otherwise.
 */
export async function attemptLogin(work: () => Promise<LoginOutcome | void>): Promise<LoginOutcome | void> {
  try {
    return await work()
  } catch (error) {
    return error instanceof BrowserUnavailableError
      ? { kind: 'unavailable', message: error.message }
      : { kind: 'timeout', message: `The browser login failed: ${String((error as Error)?.message ?? error).split('\n')[0]}` }
  }
}

/** 503 `source/browser_unavailable` when the pool cannot start Chromium for a `login_with: browser` source. */
export function browserUnavailable(pool: BrowserPool, script: SourceScript): DeckError | undefined {
  const problem = pool.problem()
  return problem
    ? errors.custom(
        503,
        'source',
        'browser_unavailable',
        `Source \`${script.id}\` logs in with a real browser (login_with: browser), but it cannot start. ${problem}`,
      )
    : undefined
}
