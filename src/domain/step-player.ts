import { expectedAnswer, interactionFor, judgeAnswer } from './interaction.js'
import type { InteractionStep } from './login-script.js'
import type { Interaction } from './types.js'

/**
 * The one step player, for every script the emulator plays: a connection's
 * login, a task run, a fake source site's pages, a session's login and a
 * credentials-generation run. Pure: it keeps the stored position (which
 * step, how many wrong answers to it) and says what happens next; the
 * resource says what each of its steps means (`read`) and does the moves
 * (status changes, timers, real waits) itself.
 */
export interface StepProgress<S> {
  steps: readonly S[]
  index: number
  attempts: number
}

/**
 * What a resource makes of one step (`undefined`: past the last one).
 * Resources add their own fields beside `kind`.
 * - `ask`: an interaction; the position stays until it is answered.
 * - `wait`: the position moves past it, and playing stops until something
 *   resumes it (a timer, a review, a real sleep).
 * - `pass`: the position moves past it and playing goes on at once.
 * - `end`: the script ends here (the position stays).
 */
export type StepReading = { kind: 'ask'; step: InteractionStep } | { kind: 'wait' | 'pass' | 'end' }

export type StepRead<S, R extends StepReading> = (step: S | undefined) => R

type Reading<R, K> = Extract<R, { kind: K }>

/** A step as the player hands it on: an `ask` carries the interaction to show (a re-prompt after a wrong answer). */
export type StepMove<R extends StepReading> = Exclude<R, { kind: 'ask' }> | { kind: 'ask'; interaction: Interaction }

/** What the step at the position means, without moving (for a caller that waits in real time before moving past it). */
export function readStep<S, R extends StepReading>(progress: StepProgress<S>, read: StepRead<S, R>): StepMove<R> {
  const reading = read(progress.steps[progress.index])
  if (reading.kind !== 'ask') return reading as Exclude<R, { kind: 'ask' }>
  return { kind: 'ask', interaction: interactionFor((reading as Reading<R, 'ask'>).step, progress.attempts > 0) }
}

/** The resource's moves for each kind of step (`pass` only if its steps have any). */
export interface StepMoves<R extends StepReading> {
  /** Before each step is played, while the position is still at it (a credentials-generation run turns `running` here). */
  before?(reading: StepMove<R>): void
  wait(reading: Reading<R, 'wait'>): void
  pass?(reading: Reading<R, 'pass'>): void
  ask(move: { kind: 'ask'; interaction: Interaction }): void
  end(reading: Reading<R, 'end'>): void
}

/** Plays from the position until a step waits, asks or ends; each move happens after the position moved past its step. */
export function playSteps<S, R extends StepReading>(progress: StepProgress<S>, read: StepRead<S, R>, moves: StepMoves<R>): void {
  for (;;) {
    const move = readStep(progress, read)
    moves.before?.(move)
    // The stored position is past the step before its move writes anything (a restart then resumes after it).
    if (move.kind === 'wait' || move.kind === 'pass') progress.index++
    // Each move goes to the handler of its kind (the types above pair them).
    const handle = moves[move.kind] as ((move: StepMove<R>) => void) | undefined
    handle?.(move)
    if (move.kind !== 'pass') return
  }
}

export type AnswerMove =
  /** Not waiting on an interaction: play on. */
  | { kind: 'play' }
  /** Right answer: the position moved on; play on. */
  | { kind: 'next' }
  /** Wrong answer: ask again with this prompt. */
  | { kind: 'again'; interaction: Interaction }
  /** That was the last wrong answer allowed. */
  | { kind: 'exhausted'; attempts: number; max_attempts: number }

/** Judges an answer to the step at the position (domain/interaction.ts) and keeps the wrong-answer count. */
export function answerStep<S, R extends StepReading>(progress: StepProgress<S>, read: StepRead<S, R>, inputs: Record<string, unknown>): AnswerMove {
  const step = pendingInteraction(progress, read)
  if (!step) return { kind: 'play' }
  const { verdict, attempts } = judgeAnswer(step, inputs, progress.attempts)
  progress.attempts = attempts
  if (verdict === 'correct') {
    progress.index++
    return { kind: 'next' }
  }
  if (verdict === 'exhausted') return { kind: 'exhausted', attempts, max_attempts: step.max_attempts }
  return { kind: 'again', interaction: interactionFor(step, true) }
}

/** The interaction the script waits on at the position, if it waits on one. */
export function pendingInteraction<S, R extends StepReading>(progress: StepProgress<S> | null | undefined, read: StepRead<S, R>): InteractionStep | undefined {
  if (!progress) return undefined
  const reading = read(progress.steps[progress.index])
  return reading.kind === 'ask' ? (reading as Reading<R, 'ask'>).step : undefined
}

/** What the pending interaction expects, for the control plane (a test cannot read the SMS). */
export function expectedStepAnswer<S, R extends StepReading>(
  progress: StepProgress<S> | null | undefined,
  read: StepRead<S, R>,
): Record<string, string> | undefined {
  const step = pendingInteraction(progress, read)
  return step ? expectedAnswer(step) : undefined
}
