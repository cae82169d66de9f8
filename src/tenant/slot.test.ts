import { describe, expect, it } from 'vitest'
import { slot } from './slot.js'
import type { Tenant } from './tenant.js'

const fakeTenant = () => ({}) as unknown as Tenant

describe('slot', () => {
  it('creates a value once per tenant, on first use', () => {
    let created = 0
    const counter = slot('counter', () => ({ n: ++created }))
    const a = fakeTenant()
    const b = fakeTenant()
    expect(counter.peek(a)).toBeUndefined()
    expect(counter.of(a)).toBe(counter.of(a))
    expect(counter.of(b).n).toBe(2)
    expect(created).toBe(2)
  })

  it('keeps an undefined value as created, and set replaces the value', () => {
    let created = 0
    const at = slot<number | undefined>('at', () => (created++, undefined))
    const t = fakeTenant()
    expect(at.of(t)).toBeUndefined()
    expect(at.of(t)).toBeUndefined()
    expect(created).toBe(1)
    at.set(t, 5)
    expect(at.peek(t)).toBe(5)
  })

  it('keeps two slots of one tenant apart', () => {
    const one = slot('one', () => [1])
    const two = slot('two', () => [2])
    const t = fakeTenant()
    expect([one.of(t), two.of(t)]).toEqual([[1], [2]])
  })
})
