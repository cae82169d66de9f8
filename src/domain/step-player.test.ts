import { describe, expect, it } from 'vitest'
import type { InteractionStep } from './login-script.js'
import { answerStep, expectedStepAnswer, pendingInteraction, playSteps, readStep, type StepProgress } from './step-player.js'

// A toy script: numbers wait that long, 'p' passes, 'x' ends, an interaction step asks.
type Step = number | 'p' | 'x' | InteractionStep
type Reading = { kind: 'wait'; ms: number } | { kind: 'pass' } | { kind: 'end'; last: boolean } | { kind: 'ask'; step: InteractionStep }
const read = (step: Step | undefined): Reading => {
  if (step === undefined || step === 'x') return { kind: 'end', last: step === undefined }
  if (step === 'p') return { kind: 'pass' }
  if (typeof step === 'number') return { kind: 'wait', ms: step }
  return { kind: 'ask', step }
}
const mfa: InteractionStep = { kind: 'mfa', message: 'Code?', code: '42', max_attempts: 3 }
const progress = (steps: Step[]): StepProgress<Step> => ({ steps, index: 0, attempts: 0 })

/** Plays once and records each move with the position it saw. */
function record(p: StepProgress<Step>): string[] {
  const seen: string[] = []
  playSteps(p, read, {
    before: (m) => seen.push(`before ${m.kind}@${p.index}`),
    pass: () => seen.push(`pass@${p.index}`),
    wait: ({ ms }) => seen.push(`wait ${ms}@${p.index}`),
    ask: ({ interaction }) => seen.push(`ask ${interaction.message}@${p.index}`),
    end: ({ last }) => seen.push(`end ${last}@${p.index}`),
  })
  return seen
}

describe('the step player', () => {
  it('plays passes at once and stops at a wait, having moved past it before the move', () => {
    const p = progress(['p', 'p', 500, 'x'])
    expect(record(p)).toEqual(['before pass@0', 'pass@1', 'before pass@1', 'pass@2', 'before wait@2', 'wait 500@3'])
    expect(p.index).toBe(3)
  })

  it('stays at an ask or an end (past the last step is an end too)', () => {
    const p = progress([mfa])
    expect(record(p)).toEqual(['before ask@0', 'ask Code?@0'])
    expect(p.index).toBe(0)
    expect(record(progress(['x']))).toEqual(['before end@0', 'end false@0'])
    expect(record(progress([]))).toEqual(['before end@0', 'end true@0'])
  })

  it('works without a pass handler', () => {
    const p = progress(['p', 7])
    const waits: number[] = []
    playSteps(p, read, { wait: ({ ms }) => waits.push(ms), ask: () => {}, end: () => {} })
    expect(waits).toEqual([7])
  })

  it('readStep does not move, whatever the step', () => {
    const p = progress([5, 'p', mfa])
    expect(readStep(p, read)).toEqual({ kind: 'wait', ms: 5 })
    expect(readStep(p, read)).toEqual({ kind: 'wait', ms: 5 })
    p.index = 2
    expect(readStep(p, read)).toMatchObject({ kind: 'ask', interaction: { type: 'mfa', message: 'Code?' } })
    expect(p.index).toBe(2)
  })

  it('re-prompts after a wrong answer, and a right one moves on and forgets the count', () => {
    const p = progress([mfa, 'x'])
    expect(answerStep(p, read, { code: '1' })).toEqual({
      kind: 'again',
      interaction: expect.objectContaining({ message: 'That answer was not accepted. Try again. Code?' }),
    })
    expect(p.attempts).toBe(1)
    expect(readStep(p, read)).toMatchObject({ kind: 'ask', interaction: { message: expect.stringContaining('Try again') } })
    expect(answerStep(p, read, { code: '42' })).toEqual({ kind: 'next' })
    expect(p).toMatchObject({ index: 1, attempts: 0 })
  })

  it('is exhausted at max_attempts, and an answer to no interaction just plays on', () => {
    const p = progress([mfa])
    answerStep(p, read, { code: '0' })
    answerStep(p, read, { code: '0' })
    expect(answerStep(p, read, { code: '0' })).toEqual({ kind: 'exhausted', attempts: 3, max_attempts: 3 })
    const q = progress([5])
    expect(answerStep(q, read, { code: '42' })).toEqual({ kind: 'play' })
    expect(q).toMatchObject({ index: 0, attempts: 0 })
  })

  it('tells the pending interaction and its expected answer, for the control plane', () => {
    expect(pendingInteraction(progress([mfa]), read)).toBe(mfa)
    expect(expectedStepAnswer(progress([mfa]), read)).toEqual({ code: '42' })
    expect(expectedStepAnswer(progress([5]), read)).toBeUndefined()
    expect(expectedStepAnswer(undefined, read)).toBeUndefined()
    expect(pendingInteraction(null, read)).toBeUndefined()
  })
})
