/**
 * What a task run does once it starts: an ordered list of steps, played on
 * the tenant's clock (scenario `run:`). Plain data, validated when a scenario
 * loads and stored with the tenant, so a run survives a restart mid-way.
 */
import type { InteractionStep } from './login-script.js'

export type RunStep =
  /** Time spent `queued` before the run starts (first step only). */
  | { kind: 'queued'; ms: number }
  /** The agent works for this long (status `running`). */
  | { kind: 'duration'; ms: number }
  /** The run asks the end user something (status `interaction_required`). */
  | InteractionStep
  /** Waits for a (simulated) human review this long (status `pending`); only `output`/`fail` may follow. */
  | { kind: 'pending'; ms: number }
  | { kind: 'fail'; type: string; code: string; message: string; result: 'failure' | 'unknown' }
  /** Stores files (storage items) when the task has storage enabled. */
  | { kind: 'files'; files: RunFile[] }
  /** The agent's reasoning shown on the screenshots taken from here on. */
  | { kind: 'reasoning'; text: string }
  /** Credentials generation: `review_required` until the control plane approves or rejects (connection runs skip it). */
  | { kind: 'review' }
  /** Completes with exactly this output. Without it the output is generated from `output_schema`. */
  | { kind: 'output'; value: unknown }

/** A file a run stores: given `content`, or generated (a real file of `type`) of about `size` bytes. */
export interface RunFile {
  name: string
  type: string
  content?: string
  size?: number
}

/** Per source and/or account (username), a different script; the first match wins. */
export interface RunOverride {
  source_id?: string
  username?: string
  run: RunStep[]
}

export interface TaskScript {
  run: RunStep[]
  overrides: RunOverride[]
}

export const DEFAULT_PENDING_MS = 60_000

/**
 * The steps a run plays, given who it runs for; `fallback` when the task has
 * no script (the shipped default, fixtures/default-run.json via src/fixtures/default-run.ts).
 */
export function resolveRun(script: TaskScript | undefined, sourceId: string, username: string | null, fallback: readonly RunStep[]): RunStep[] {
  if (!script) return [...fallback]
  const match = script.overrides.find((o) => (o.source_id === undefined || o.source_id === sourceId) && (o.username === undefined || o.username === username))
  return [...(match?.run ?? script.run)]
}

/** Why a script is not playable, or undefined: terminal steps last, `pending` only before the end. */
export function checkRunSteps(steps: RunStep[]): { index: number; message: string } | undefined {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!
    const last = i === steps.length - 1
    if (step.kind === 'queued' && i !== 0) return { index: i, message: '`queued` can only be the first step' }
    if ((step.kind === 'fail' || step.kind === 'output') && !last) return { index: i, message: `\`${step.kind}\` ends the run: it must be the last step` }
    if (step.kind === 'pending') {
      const rest = steps.slice(i + 1)
      if (rest.length > 1 || (rest[0] && rest[0].kind !== 'fail' && rest[0].kind !== 'output')) {
        return { index: i, message: '`pending` leads to the end of the run: only `output` or `fail` may follow it' }
      }
    }
  }
  return undefined
}

export function isRunInteraction(step: RunStep | undefined): step is InteractionStep {
  return step?.kind === 'mfa' || step?.kind === 'security_question' || step?.kind === 'account_selection'
}
