import { describe, expect, it } from 'vitest'
import { Placeholders } from './placeholders.js'
import { Playback } from './playback.js'

const mfa = { type: 'mfa', message: 'Enter the code sent to ***-1234', fields: [{ name: 'code' }] }
const again = { ...mfa, message: `That answer was not accepted. Try again. ${mfa.message}` }

describe('Playback: an observed login as script steps', () => {
  it('reads a re-prompt as a wrong answer and the answer before `connected` as the right one', () => {
    const p = new Playback('src_a/alice', new Placeholders())
    p.prompt(mfa)
    p.prompt(mfa) // polled again: nothing new
    const wrong = p.answer({ code: '000000' })
    expect(p.prompt(again)).toBe(true)
    const right = p.answer({ code: '123456' })
    p.end('connected')
    expect(wrong.code).not.toBe(right.code)
    expect(JSON.stringify([wrong, right])).not.toMatch(/000000|123456/)
    expect(p.steps).toEqual([{ mfa: { message: mfa.message, code: right.code, max_attempts: 3 } }, 'connected'])
  })

  it('reads `invalid` right after answers as attempts exhausted: the right code is one nobody sent', () => {
    const p = new Playback('s', new Placeholders())
    p.prompt(mfa)
    const a = p.answer({ code: '1' })
    p.prompt(again)
    const b = p.answer({ code: '2' })
    p.end('invalid')
    const step = (p.steps[0] as { mfa: { code: string; max_attempts: number } }).mfa
    expect(step.max_attempts).toBe(2)
    expect([a.code, b.code]).not.toContain(step.code)
  })

  it('keeps account choices as sent and their options as the accounts', () => {
    const p = new Playback('s', new Placeholders())
    p.prompt({ type: 'account_selection', message: 'Pick', fields: [{ name: 'account_id', options: [{ value: 'acc_1', label: 'Checking' }] }] })
    expect(p.answer({ account_id: 'acc_1' })).toEqual({ account_id: 'acc_1' })
    p.end('connected')
    expect(p.steps[0]).toEqual({ account_selection: { message: 'Pick', accounts: [{ id: 'acc_1', name: 'Checking' }], max_attempts: 3 } })
  })

  it('gives the same value the same placeholder and another value another one', () => {
    const ph = new Placeholders()
    expect(ph.of('password', 'alice', 'x')).toBe(ph.of('password', 'alice', 'x'))
    expect(ph.of('password', 'alice', 'y')).not.toBe(ph.of('password', 'alice', 'x'))
    expect(ph.of('password', 'alice', 'x')).toMatch(/^FILL_IN_PASSWORD_\d+$/)
  })
})
