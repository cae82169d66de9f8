import { describe, expect, it } from 'vitest'
import type { Store } from '../store/store.js'
import { Settle } from './settle.js'
import type { Tenant } from './tenant.js'

// The order after a change, which createEmulator used to spell out by hand: run due → commit → durable work → re-arm → observers.
function fixture(clean: boolean) {
  const calls: string[] = []
  const store = { clean, commit: async () => void calls.push('commit') } as unknown as Store
  // The scheduler reads the next timer when it re-arms: that read is the "arm" in the log.
  const tenant = {
    key: 'sk_test_settle',
    runDue: () => (calls.push('runDue'), 0),
    timers: { peek: () => (calls.push('arm'), undefined) },
    clock: { mode: 'manual' },
  } as unknown as Tenant
  const settle = new Settle(store, () => {})
  settle.onDurable.push(() => calls.push('durable'))
  settle.onSettled.push(() => calls.push('settled'))
  return { calls, tenant, settle }
}

describe('Settle', () => {
  it('with nothing to write: runs due timers, then durable work, re-arm and observers at once (no promise)', () => {
    const { calls, tenant, settle } = fixture(true)
    expect(settle.request(tenant)).toBeUndefined()
    expect(calls).toEqual(['runDue', 'durable', 'arm', 'settled'])
    settle.close()
  })

  it('with changes to write: the rest waits for the commit', async () => {
    const { calls, tenant, settle } = fixture(false)
    const pending = settle.request(tenant)
    expect(calls).toEqual(['runDue', 'commit'])
    await pending
    expect(calls).toEqual(['runDue', 'commit', 'durable', 'arm', 'settled'])
    settle.close()
  })

  it('catches up at start: recover every tenant, run what fell due, commit, then arm', async () => {
    const { calls, tenant, settle } = fixture(false)
    await settle.catchUp([tenant], [() => calls.push('recover')])
    expect(calls).toEqual(['recover', 'runDue', 'commit', 'arm'])
    settle.close()
  })
})
