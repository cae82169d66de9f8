import type { z } from 'zod'
import type { DeckClient } from '../client/index.js'
import type { ScenarioDoc } from '../scenario/types.js'

/** What a step sees: a client on the scenario's own tenant and the names given so far. */
export interface StepContext {
  client: DeckClient
  file: string
  scenario: ScenarioDoc
  /** Names given by steps (`as: alice`) → object ids. */
  aliases: Map<string, string>
  /** Resolves a name given with `as:` (or passes an id such as conn_… through). */
  resolve(ref: string): string
  /** Scratch space for step kinds that need to remember more than aliases. */
  state: Map<string, unknown>
}

/**
 * One kind of step (`create_connection: {…}`, `advance: 2m`, …). Each kind
 * lives in its own module under replay/steps/ and is listed in
 * steps/index.ts; the runner only knows this interface.
 */
export interface StepKind<A = any> {
  name: string
  /** Validates the step's value; a failure is reported with file, step index and line before anything runs. */
  args: z.ZodType<A>
  /** Runs the step; returns a short detail for the report, throws StepFailure when an expectation fails. */
  run(ctx: StepContext, args: A): Promise<string | void>
}

export const defineStep = <A>(kind: StepKind<A>): StepKind<A> => kind

/** An expectation that did not hold; the message says what was expected and what was seen. */
export class StepFailure extends Error {
  override name = 'StepFailure'
}
