import type { InteractionStep } from './login-script.js'
import { assert, errors } from './errors.js'
import type { Interaction } from './types.js'

/** The interaction a pending step shows; `retry` marks a re-prompt after a wrong answer. */
export function interactionFor(step: InteractionStep, retry: boolean): Interaction {
  const again = retry ? 'That answer was not accepted. Try again. ' : ''
  switch (step.kind) {
    case 'mfa':
      return { type: 'mfa', message: again + step.message, fields: [{ name: 'code', type: 'string', label: 'Verification code' }] }
    case 'security_question':
      return { type: 'security_question', message: again + step.question, fields: [{ name: 'answer', type: 'string', label: step.question }] }
    case 'account_selection':
      return {
        type: 'account_selection',
        message: again + step.message,
        fields: [{ name: 'account_id', type: 'string', label: 'Account', options: step.accounts.map((a) => ({ value: a.id, label: a.name })) }],
      }
  }
}

/** The inputs that answer a step correctly (what the end user would type). */
export function expectedAnswer(step: InteractionStep): Record<string, string> {
  switch (step.kind) {
    case 'mfa':
      return { code: step.code }
    case 'security_question':
      return { answer: step.answer }
    case 'account_selection':
      return { account_id: step.pick ?? step.accounts[0]?.id ?? '' }
  }
}

export function isCorrectAnswer(step: InteractionStep, inputs: Record<string, unknown>): boolean {
  switch (step.kind) {
    case 'mfa':
      return String(inputs.code ?? '').trim() === step.code
    case 'security_question':
      // People type answers in any case; a fake source that is picky about case would only be annoying.
      return (
        String(inputs.answer ?? '')
          .trim()
          .toLowerCase() === step.answer.trim().toLowerCase()
      )
    case 'account_selection': {
      const picked = String(inputs.account_id ?? '')
      return step.pick ? picked === step.pick : step.accounts.some((a) => a.id === picked)
    }
  }
}

/**
 * The verdict on an answer to `step` after `attempts` wrong ones: `correct`
 * (the step is done), `wrong` (ask again) or `exhausted` (that was the last
 * attempt allowed), with the wrong-answer count to keep. The one rule for
 * connections and task runs alike.
 */
export function judgeAnswer(
  step: InteractionStep,
  inputs: Record<string, unknown>,
  attempts: number,
): { verdict: 'correct' | 'wrong' | 'exhausted'; attempts: number } {
  if (isCorrectAnswer(step, inputs)) return { verdict: 'correct', attempts: 0 }
  return { verdict: attempts + 1 >= step.max_attempts ? 'exhausted' : 'wrong', attempts: attempts + 1 }
}

/** Every field of the pending interaction must be answered with a string (or number): else 400 naming `inputs.<field>`. */
export function assertAnswersEveryField(interaction: Interaction, inputs: Record<string, unknown>, prefix = 'inputs'): void {
  for (const field of interaction.fields) {
    const value = inputs[field.name]
    assert(value !== undefined && value !== null && value !== '', () => errors.inputMissing(`${prefix}.${field.name}`))
    assert(typeof value === 'string' || typeof value === 'number', () =>
      errors.inputInvalid(`\`${prefix}.${field.name}\` must be a string.`, `${prefix}.${field.name}`),
    )
  }
}
