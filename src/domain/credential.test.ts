import { describe, expect, it } from 'vitest'
import { checkSourceFields, newCredential, transitionCredential } from './credential.js'

const base = () =>
  newCredential({
    id: 'cred_1',
    source_id: 'src_1',
    auth_method: 'username_password',
    auth_credentials: { username: 'u', key: null },
    external_id: 'e',
    created_at: '2026-01-01T00:00:00.000Z',
  })

describe('credential state machine', () => {
  it('creates unverified with credential.created, and events never carry auth_credentials', () => {
    const { object, events } = base()
    expect(object.status).toBe('unverified')
    expect(events).toEqual([{ type: 'credential.created', data: expect.not.objectContaining({ auth_credentials: expect.anything() }) }])
    expect(events[0]!.data).toMatchObject({ id: 'cred_1', external_id: 'e', status: 'unverified' })
  })

  it('follows §2: verified, invalid, back to unverified, deleted (deleted: true) and nothing after', () => {
    let c = base().object
    c = transitionCredential(c, 'verified', 't1').object
    const inv = transitionCredential(c, 'invalid', 't2')
    expect(inv.events[0]!.type).toBe('credential.invalid')
    c = transitionCredential(inv.object, 'unverified', 't3').object
    const del = transitionCredential(c, 'deleted', 't4')
    expect(del.object).toMatchObject({ status: 'deleted', deleted: true, updated_at: 't4' })
    expect(() => transitionCredential(del.object, 'unverified', 't5')).toThrow(/deleted/)
    expect(() => transitionCredential(base().object, 'unverified', 't5')).toThrow()
  })

  it('checks source_fields keys and values', () => {
    expect(checkSourceFields({ region: 'eu' })).toEqual({ region: 'eu' })
    expect(checkSourceFields(undefined)).toBeUndefined()
    expect(() => checkSourceFields({ '9x': 'v' })).toThrow()
    expect(() => checkSourceFields({ username: 'v' })).toThrow()
    expect(() => checkSourceFields({ region: 5 })).toThrow()
    expect(() => checkSourceFields(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])))).toThrow()
  })
})
