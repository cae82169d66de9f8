import type { Placeholders } from './placeholders.js'

interface ObservedInteraction {
  type: string
  message?: string
  fields?: { name: string; options?: { value: string; label: string }[] }[]
}

interface Open {
  interaction: ObservedInteraction
  wrong: number
  /** The inputs (placeholders) of the answer sent since the prompt, until its outcome is seen. */
  answered?: Record<string, string>
}

const RETRY_PREFIX = 'That answer was not accepted. Try again. '

/**
 * Turns one login (or one task run) as observed through the proxy — prompts,
 * answers, the outcome — into the script steps that play it again:
 * `{ mfa: { message, code } }`, then `connected`. An answer followed by the
 * same kind of prompt was wrong (the source asked again); followed by
 * anything else it was right, and its placeholder becomes the step's code.
 * Answers are reduced to placeholders as they arrive; account choices are
 * not secrets and stay as sent.
 */
export class Playback {
  readonly steps: unknown[] = []
  private open: Open | undefined
  ended = false

  constructor(
    private readonly scope: string,
    private readonly placeholders: Placeholders,
  ) {}

  /** A settled `interaction_required`. Returns true for a re-prompt after a wrong answer. */
  prompt(interaction: ObservedInteraction): boolean {
    if (this.ended) return false
    if (this.open?.answered) {
      if (this.open.interaction.type === interaction.type) {
        this.open.wrong++
        this.open.answered = undefined
        return true
      }
      this.close(this.open.answered)
    } else if (this.open) return false // the same prompt, polled again
    this.open = { interaction, wrong: 0 }
    return false
  }

  /** An answer sent to the pending prompt: the inputs to replay (secrets as placeholders). */
  answer(raw: unknown): Record<string, string> {
    const inputs: Record<string, string> = {}
    const type = this.open?.interaction.type
    for (const [field, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
      inputs[field] =
        type === 'account_selection' && field === 'account_id' ? String(value) : this.placeholders.of(field === 'code' ? 'mfa_code' : field, this.scope, value)
    }
    if (this.open) this.open.answered = inputs
    return inputs
  }

  /**
   * The attempt ended with this step (`connected`, `invalid`, `{output: …}`).
   * `invalid` right after an answer is read as "too many wrong answers": the
   * right answer was never given, so the step gets a placeholder nobody sent.
   */
  end(step: unknown): void {
    if (this.ended) return
    this.ended = true
    if (this.open?.answered && step === 'invalid') {
      this.open.wrong++
      this.close(undefined, this.open.wrong)
      this.steps.push('connected') // what follows a right answer is unknown; the replay never gets there
      return
    }
    if (this.open) this.close(this.open.answered)
    this.steps.push(step)
  }

  /** The session ended mid-attempt: keep the prompt that was pending, with a placeholder answer. */
  finish(): void {
    if (!this.ended && this.open) this.close(undefined)
  }

  private close(correct: Record<string, string> | undefined, maxAttempts = Math.max(3, (this.open?.wrong ?? 0) + 1)): void {
    const { interaction } = this.open!
    this.open = undefined
    const message = (interaction.message ?? '').replace(RETRY_PREFIX, '') || undefined
    const secret = (kind: string, field: string) => correct?.[field] ?? this.placeholders.fresh(kind, this.scope)
    switch (interaction.type) {
      case 'mfa':
        this.steps.push({ mfa: { ...(message ? { message } : {}), code: secret('mfa_code', 'code'), max_attempts: maxAttempts } })
        return
      case 'security_question':
        this.steps.push({ security_question: { question: message ?? 'Security question', answer: secret('answer', 'answer'), max_attempts: maxAttempts } })
        return
      case 'account_selection': {
        const options = interaction.fields?.find((f) => f.name === 'account_id')?.options ?? []
        const accounts = options.length ? options.map((o) => ({ id: o.value, name: o.label })) : [{ id: correct?.account_id ?? 'account_1', name: 'Account' }]
        this.steps.push({ account_selection: { ...(message ? { message } : {}), accounts, max_attempts: maxAttempts } })
        return
      }
      default:
        // An interaction type this emulator does not know: nothing it could replay.
        return
    }
  }
}
