import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { DeckError } from '../src/domain/errors.js'
import { freshKey } from './helpers/api.js'

// One setClock (control/clock.ts) behind POST /_emulator/clock and emulator.clock.set: the same rules, the same error.
describe('setting the clock: the route and the library agree', () => {
  it('both refuse to move a manual clock backwards, with the same Deck error, and leave the clock where it was', async () => {
    const emulator = await createEmulator({ clock: 'manual' })
    try {
      const [a, b] = [freshKey('clock'), freshKey('clock')]
      const http = await emulator.fetch('/_emulator/clock', {
        method: 'POST',
        headers: { authorization: `Bearer ${a}`, 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'manual', now: '2025-01-01T00:00:00.000Z' }),
      })
      expect(http.status).toBe(400)
      const detail = (await http.json()).errors[0]
      const refused = await emulator.clock.set('manual', b, '2025-01-01T00:00:00.000Z').catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(DeckError)
      expect((refused as DeckError).status).toBe(400)
      expect((refused as DeckError).details[0]).toMatchObject({ code: detail.code, message: detail.message })
      expect(detail.message).toMatch(/only moves forward/)
      expect(emulator.clock.now(b)).toBe('2026-01-01T00:00:00.000Z')
    } finally {
      await emulator.close()
    }
  })

  it('the library still moves forward and switches modes, and refuses a date it cannot read', async () => {
    const emulator = await createEmulator({ clock: 'manual' })
    try {
      const key = freshKey('clock')
      expect(await emulator.clock.set('manual', key, '2026-06-01T00:00:00.000Z')).toEqual({ mode: 'manual', now: '2026-06-01T00:00:00.000Z' })
      expect((await emulator.clock.set('system', key)).mode).toBe('system')
      await expect(emulator.clock.set('manual', key, 'not a date')).rejects.toThrow(/ISO 8601/)
    } finally {
      await emulator.close()
    }
  })
})
