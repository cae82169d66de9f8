import { interactionFor, judgeAnswer } from './interaction.js'
import { isInteractionStep, type LoginStep } from './login-script.js'
import type { Interaction } from './types.js'

/**
 * The one player of login steps, for every place a scripted login happens
 * (a connection's login, a session's login inside a credentials run). Pure:
 * it reads the stored position, moves it, and says what happens next; the
 * caller maps that onto its own object (connection status, run status).
 */
export interface LoginProgress {
  steps: LoginStep[]
  index: number
  attempts: number
}

export type LoginAction =
  /** A `delay`: the position moved past it; play again after `ms`. */
  | { kind: 'wait'; ms: number }
  /** The source asks something; `interaction` is what to show. */
  | { kind: 'ask'; interaction: Interaction }
  /** The login ended (a missing step at the end means connected). */
  | { kind: 'end'; outcome: 'connected' | 'invalid' | 'blocked' | 'timeout'; message?: string | undefined }

export function playLoginStep(progress: LoginProgress): LoginAction {
  const step = progress.steps[progress.index]
  if (!step || step.kind === 'connected') return { kind: 'end', outcome: 'connected' }
  switch (step.kind) {
    case 'delay':
      progress.index++
      return { kind: 'wait', ms: step.ms }
    case 'invalid':
    case 'blocked':
    case 'timeout':
      return { kind: 'end', outcome: step.kind, message: step.message }
    default:
      return { kind: 'ask', interaction: interactionFor(step, progress.attempts > 0) }
  }
}

export type AnswerAction =
  /** Not waiting on an interaction: play on. */
  | { kind: 'play' }
  /** Right answer: the position moved on; play on. */
  | { kind: 'next' }
  /** Wrong answer: ask again with this prompt. */
  | { kind: 'again'; interaction: Interaction }
  /** That was the last wrong answer allowed. */
  | { kind: 'exhausted'; attempts: number; max_attempts: number }

export function answerLoginStep(progress: LoginProgress, inputs: Record<string, unknown>): AnswerAction {
  const step = progress.steps[progress.index]
  if (!step || !isInteractionStep(step)) return { kind: 'play' }
  const { verdict, attempts } = judgeAnswer(step, inputs, progress.attempts)
  progress.attempts = attempts
  if (verdict === 'correct') {
    progress.index++
    return { kind: 'next' }
  }
  if (verdict === 'exhausted') return { kind: 'exhausted', attempts, max_attempts: step.max_attempts }
  return { kind: 'again', interaction: interactionFor(step, true) }
}
