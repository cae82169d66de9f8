import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'

describe('events of a tenant are strictly ordered by created_at', () => {
  it('on a manual clock that never moves, order by created_at is the log order', async () => {
    const t = await setup()
    try {
      const source = await t.source()
      for (const user of ['user_good', 'user_mfa', 'user_good']) await t.connect(source, user)
      const events = (await t.client.get('/_emulator/events')).body.data as { id: string; created_at: string }[]
      expect(events.length).toBeGreaterThan(4)
      const stamps = events.map((e) => e.created_at)
      for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!, `${stamps[i - 1]} then ${stamps[i]}`).toBe(true)
      expect([...events].sort((a, b) => a.created_at.localeCompare(b.created_at)).map((e) => e.id)).toEqual(events.map((e) => e.id))
      expect(stamps[0]).toBe('2026-01-01T00:00:00.000Z') // the first event is at the clock's time
    } finally {
      await t.emulator.close()
    }
  })
})
