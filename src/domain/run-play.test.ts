import { describe, expect, it } from 'vitest'
import { readRunStep, runEnding } from './run-play.js'

describe('a run script as the step player reads it', () => {
  it('waits on queued, duration and pending, passes files and reasoning, asks on interactions', () => {
    expect(readRunStep({ kind: 'duration', ms: 5 }, 'pass')).toEqual({ kind: 'wait', step: { kind: 'duration', ms: 5 } })
    expect(readRunStep({ kind: 'pending', ms: 5 }, 'hold').kind).toBe('wait')
    expect(readRunStep({ kind: 'queued', ms: 5 }, 'hold').kind).toBe('wait')
    expect(readRunStep({ kind: 'files', files: [] }, 'hold').kind).toBe('pass')
    expect(readRunStep({ kind: 'reasoning', text: 'hm' }, 'pass').kind).toBe('pass')
    expect(readRunStep({ kind: 'mfa', message: 'Code?', code: '1', max_attempts: 1 }, 'pass').kind).toBe('ask')
  })

  it('passes a review in a connection run and holds there in a credentials-generation run', () => {
    expect(readRunStep({ kind: 'review' }, 'pass')).toEqual({ kind: 'pass', step: { kind: 'review' } })
    expect(readRunStep({ kind: 'review' }, 'hold')).toEqual({ kind: 'wait', step: { kind: 'review' } })
  })

  it('ends at output, fail and past the last step', () => {
    expect(readRunStep({ kind: 'output', value: 1 }, 'pass')).toEqual({ kind: 'end', step: { kind: 'output', value: 1 } })
    expect(readRunStep(undefined, 'hold')).toEqual({ kind: 'end', step: undefined })
  })
})

describe('how a run ends', () => {
  const noSeed = () => {
    throw new Error('the seed is only drawn to generate an output')
  }

  it('completes with a scripted output, or fails with the scripted error and result', () => {
    expect(runEnding({ kind: 'output', value: { a: 1 } }, null, noSeed, 0)).toEqual({ status: 'completed', output: { a: 1 } })
    expect(runEnding({ kind: 'fail', type: 'task', code: 'nope', message: 'No.', result: 'unknown' }, null, noSeed, 0)).toEqual({
      status: 'failed',
      changes: { errors: [{ type: 'task', code: 'nope', message: 'No.' }], result: 'unknown' },
    })
  })

  it('generates an output from the schema past the last step, or fails with output_generation_failed (no result)', () => {
    expect(runEnding(undefined, null, () => 1, 0)).toEqual({ status: 'completed', output: {} })
    const ending = runEnding(undefined, { type: 'object', properties: { a: { $ref: '#/nowhere' } }, required: ['a'] }, () => 1, 0)
    expect(ending).toMatchObject({ status: 'failed', changes: { errors: [{ type: 'task', code: 'output_generation_failed' }] } })
    expect(ending.status === 'failed' && 'result' in ending.changes).toBe(false)
  })
})
