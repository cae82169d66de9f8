import { describe, expect, it } from 'vitest'
import { expectedAnswer, interactionFor, isCorrectAnswer, judgeAnswer } from './interaction.js'
import type { InteractionStep } from './login-script.js'

const mfa: InteractionStep = { kind: 'mfa', message: 'Enter code', code: '123456', max_attempts: 3 }
const question: InteractionStep = { kind: 'security_question', question: 'Pet?', answer: 'Rex', max_attempts: 3 }
const pickAny: InteractionStep = {
  kind: 'account_selection',
  message: 'Pick',
  accounts: [
    { id: 'a1', name: 'A' },
    { id: 'a2', name: 'B' },
  ],
  max_attempts: 3,
}

describe('interactions', () => {
  it('shapes each type with its field', () => {
    expect(interactionFor(mfa, false)).toEqual({ type: 'mfa', message: 'Enter code', fields: [{ name: 'code', type: 'string', label: 'Verification code' }] })
    expect(interactionFor(question, false).fields[0]!.name).toBe('answer')
    expect(interactionFor(pickAny, false).fields[0]!.options).toEqual([
      { value: 'a1', label: 'A' },
      { value: 'a2', label: 'B' },
    ])
  })

  it('says so on a re-prompt', () => expect(interactionFor(mfa, true).message).toMatch(/not accepted/))

  it.each([
    [mfa, { code: '123456' }, true],
    [mfa, { code: '000000' }, false],
    [mfa, {}, false],
    [question, { answer: ' rex ' }, true],
    [question, { answer: 'felix' }, false],
    [pickAny, { account_id: 'a2' }, true],
    [pickAny, { account_id: 'zz' }, false],
    [{ ...pickAny, pick: 'a2' } as InteractionStep, { account_id: 'a1' }, false],
  ] as const)('checks answers (%#)', (step, inputs, ok) => expect(isCorrectAnswer(step, inputs)).toBe(ok))

  it('expected answers are accepted', () => {
    for (const step of [mfa, question, pickAny]) expect(isCorrectAnswer(step, expectedAnswer(step))).toBe(true)
  })
})

describe('judgeAnswer', () => {
  const step = { kind: 'mfa', message: 'Code?', code: '123456', max_attempts: 3 } as const
  it('a correct answer clears the wrong-answer count; wrong ones count up until the last allowed', () => {
    expect(judgeAnswer(step, { code: ' 123456 ' }, 2)).toEqual({ verdict: 'correct', attempts: 0 })
    expect(judgeAnswer(step, { code: '000000' }, 0)).toEqual({ verdict: 'wrong', attempts: 1 })
    expect(judgeAnswer(step, { code: '000000' }, 1)).toEqual({ verdict: 'wrong', attempts: 2 })
    expect(judgeAnswer(step, { code: '000000' }, 2)).toEqual({ verdict: 'exhausted', attempts: 3 })
    expect(judgeAnswer({ ...step, max_attempts: 1 }, {}, 0)).toEqual({ verdict: 'exhausted', attempts: 1 })
  })
})
