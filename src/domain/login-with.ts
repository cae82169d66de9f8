import type { InteractionType } from './types.js'

/**
 * How a source's login is performed: played as a script on the tenant clock
 * (the default), or by a real browser against a web page. Plain data, kept
 * in the source script, so it is validated once when a scenario loads.
 */
export type LoginWith = { mode: 'script' } | { mode: 'browser'; site?: BrowserSiteSpec; timeout: number }

/** One page state that asks the user something (code, answer, account). */
export interface BrowserInteractionSpec {
  type: InteractionType
  /** Visible while the page asks this (a form, a panel). */
  selector: string
  /** Where the answer is typed; default: every named input/select inside `selector`. */
  input_selector?: string
  submit_selector: string
  /** Text shown as the interaction's message; default: the input's label. */
  message_selector?: string
  /** The API field name; default the Deck one for the type (code, answer, account_id). */
  field?: string
}

/** Any login page, described by CSS selectors (the user's own staging login, say). */
export interface BrowserSiteSpec {
  url: string
  username_selector: string
  password_selector: string
  submit_selector: string
  success_selector: string
  error_selector?: string
  blocked_selector?: string
  /** Shown when the site's session is gone (checked after a session drop). */
  expired_selector?: string
  interactions: BrowserInteractionSpec[]
}

export const DEFAULT_BROWSER_TIMEOUT = 15_000

export const CANONICAL_FIELD: Record<InteractionType, string> = {
  mfa: 'code',
  security_question: 'answer',
  account_selection: 'account_id',
}

/** The selectors of the emulator's own fake source sites (`/_sources/{id}/…`): stable data-testid hooks. */
export function fakeSiteSpec(url: string): BrowserSiteSpec {
  const form = (type: InteractionType): BrowserInteractionSpec => ({
    type,
    selector: `[data-testid="${type.replace('_', '-')}-form"]`,
    submit_selector: `[data-testid="${type.replace('_', '-')}-form"] [data-testid="submit"]`,
    message_selector: '[data-testid="prompt"]',
  })
  return {
    url,
    username_selector: '[data-testid="username"]',
    password_selector: '[data-testid="password"]',
    submit_selector: '[data-testid="login-form"] [data-testid="submit"]',
    success_selector: '[data-testid="login-success"]',
    error_selector: '[data-testid="login-error"] [data-testid="error-message"]',
    blocked_selector: '[data-testid="lockout"] [data-testid="error-message"]',
    expired_selector: '[data-testid="session-expired"]',
    interactions: [form('mfa'), form('security_question'), form('account_selection')],
  }
}
