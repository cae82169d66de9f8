import type { ErrorDetail } from './errors.js'
import { generateOutput } from './json-schema.js'
import type { InteractionStep } from './login-script.js'
import { isRunInteraction, type RunStep } from './run-script.js'
import type { JsonSchema } from './task.js'

/**
 * A task's run script as the step player (domain/step-player.ts) reads it,
 * for both generations' runs. They differ in one step only: a connection
 * run passes `review` (it has no `review_required`), a credentials-generation
 * run holds there until the control plane decides.
 */
type StepOf<K extends RunStep['kind']> = Extract<RunStep, { kind: K }>

export type RunReading =
  /** The agent works (`queued`, `duration`) or waits for a simulated human (`pending`) for `step.ms`. */
  | { kind: 'wait'; step: StepOf<'queued' | 'duration' | 'pending'> }
  /** Held for a review (credentials generation). */
  | { kind: 'wait'; step: StepOf<'review'> }
  /** Something the run does on its way (files, reasoning; a connection run's `review`). */
  | { kind: 'pass'; step: StepOf<'files' | 'reasoning' | 'review'> }
  | { kind: 'ask'; step: InteractionStep }
  /** `output`, `fail`, or past the last step (an output generated from the output_schema). */
  | { kind: 'end'; step: StepOf<'output' | 'fail'> | undefined }

/** A connection run's reading: nothing holds it for a review. */
export type PassingRunReading = Exclude<RunReading, { kind: 'wait'; step: StepOf<'review'> }>

export function readRunStep(step: RunStep | undefined, review: 'pass'): PassingRunReading
export function readRunStep(step: RunStep | undefined, review: 'hold'): RunReading
export function readRunStep(step: RunStep | undefined, review: 'pass' | 'hold'): RunReading {
  if (!step || step.kind === 'output' || step.kind === 'fail') return { kind: 'end', step }
  if (isRunInteraction(step)) return { kind: 'ask', step }
  switch (step.kind) {
    case 'queued': // only valid first; a run starts past it (it sets the time spent queued)
    case 'duration':
    case 'pending':
      return { kind: 'wait', step }
    case 'review':
      return review === 'hold' ? { kind: 'wait', step } : { kind: 'pass', step }
    default:
      return { kind: 'pass', step }
  }
}

/** How a run ends at an `end` step: completed with an output, or failed. */
export type RunEnding = { status: 'completed'; output: unknown } | { status: 'failed'; changes: { errors: ErrorDetail[]; result?: 'failure' | 'unknown' } }

/** The ending at `step`; past the last step the output is generated (`seed` is only drawn then). */
export function runEnding(step: StepOf<'output' | 'fail'> | undefined, schema: JsonSchema | null, seed: () => number, now: number): RunEnding {
  if (step?.kind === 'output') return { status: 'completed', output: step.value }
  if (step?.kind === 'fail')
    return { status: 'failed', changes: { errors: [{ type: step.type, code: step.code, message: step.message }], result: step.result } }
  try {
    return { status: 'completed', output: generateOutput(schema, seed(), now) }
  } catch (error) {
    const message = `The emulator could not generate an output for this output_schema (${(error as Error).message}); script an \`output\` for this task.`
    return { status: 'failed', changes: { errors: [{ type: 'task', code: 'output_generation_failed', message }] } }
  }
}
