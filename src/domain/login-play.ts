import { isInteractionStep, type InteractionStep, type LoginStep } from './login-script.js'

/**
 * A login script's steps as the step player (domain/step-player.ts) reads
 * them, for every place a scripted login happens (a connection's login, a
 * session's login inside a credentials run, a fake source site's pages).
 * The caller maps the moves onto its own object (connection status, run
 * status, site page).
 */
export type LoginEnding = 'connected' | 'invalid' | 'blocked' | 'timeout'

export type LoginReading =
  /** A `delay`: play again after `ms`. */
  | { kind: 'wait'; ms: number }
  /** The source asks something. */
  | { kind: 'ask'; step: InteractionStep }
  /** The login ended (a missing step at the end means connected). */
  | { kind: 'end'; outcome: LoginEnding; message?: string | undefined }

export function readLoginStep(step: LoginStep | undefined): LoginReading {
  if (!step || step.kind === 'connected') return { kind: 'end', outcome: 'connected' }
  switch (step.kind) {
    case 'delay':
      return { kind: 'wait', ms: step.ms }
    case 'invalid':
    case 'blocked':
    case 'timeout':
      return { kind: 'end', outcome: step.kind, message: step.message }
  }
  if (isInteractionStep(step)) return { kind: 'ask', step }
  return step satisfies never
}
