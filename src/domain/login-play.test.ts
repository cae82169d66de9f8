import { describe, expect, it } from 'vitest'
import type { LoginStep } from './login-script.js'
import { readLoginStep, type LoginReading } from './login-play.js'
import { answerStep, playSteps, type StepMove, type StepProgress } from './step-player.js'

type LoginProgress = StepProgress<LoginStep>
const progress = (steps: LoginStep[]): LoginProgress => ({ steps, index: 0, attempts: 0 })
// The login script as the shared step player plays it (domain/step-player.ts).
function playLoginStep(p: LoginProgress): StepMove<LoginReading> | undefined {
  let move: StepMove<LoginReading> | undefined
  const seen = (m: typeof move) => void (move = m)
  playSteps(p, readLoginStep, { wait: seen, ask: seen, end: seen })
  return move
}
const answerLoginStep = (p: LoginProgress, inputs: Record<string, unknown>) => answerStep(p, readLoginStep, inputs)

describe('the shared login step player', () => {
  it('waits on delays, asks on interactions, ends on outcomes (a missing step = connected)', () => {
    const p = progress([
      { kind: 'delay', ms: 500 },
      { kind: 'mfa', message: 'Code?', code: '1', max_attempts: 2 },
      { kind: 'blocked', message: 'no' },
    ])
    expect(playLoginStep(p)).toEqual({ kind: 'wait', ms: 500 })
    expect(playLoginStep(p)).toMatchObject({ kind: 'ask', interaction: { type: 'mfa', message: 'Code?' } })
    expect(answerLoginStep(p, { code: '1' })).toEqual({ kind: 'next' })
    expect(playLoginStep(p)).toEqual({ kind: 'end', outcome: 'blocked', message: 'no' })
    expect(playLoginStep(progress([]))).toEqual({ kind: 'end', outcome: 'connected' })
  })

  it('re-asks on a wrong answer and is exhausted at max_attempts', () => {
    const p = progress([{ kind: 'mfa', message: 'Code?', code: '1', max_attempts: 2 }])
    expect(answerLoginStep(p, { code: '0' })).toMatchObject({ kind: 'again', interaction: { message: expect.stringContaining('Try again') } })
    expect(answerLoginStep(p, { code: '0' })).toEqual({ kind: 'exhausted', attempts: 2, max_attempts: 2 })
    expect(answerLoginStep(progress([{ kind: 'connected' }]), {})).toEqual({ kind: 'play' })
  })
})
