import { describe, expect, it } from 'vitest'
import { deckHandlers } from '../src/adapters/msw.js'
import { createDeckClient } from '../src/client/index.js'
import { createEmulator } from '../src/index.js'
import { freshKey } from './helpers/api.js'

// Every helper that moves the clock answers like POST /_emulator/clock/advance: {mode, now}.
describe('helper shapes agree with the HTTP calls', () => {
  it('advance returns {mode, now} from HTTP, the client, the library and msw', async () => {
    const emulator = await createEmulator({ clock: 'manual' })
    const deck = deckHandlers()
    try {
      const [a, b, c] = [freshKey('shape'), freshKey('shape'), freshKey('shape')]
      const http = await (
        await emulator.fetch('/_emulator/clock/advance', {
          method: 'POST',
          headers: { authorization: `Bearer ${a}`, 'content-type': 'application/json' },
          body: '{"by":"1m30s"}',
        })
      ).json()
      const client = await createDeckClient({ fetch: emulator.fetch, apiKey: b }).emulator.advance('1m30s')
      const library = await emulator.clock.advance('1m30s', c)
      const msw = await deck.advance('1m30s', freshKey('shape'))
      const expected = { mode: 'manual', now: '2026-01-01T00:01:30.000Z' }
      expect({ mode: http.mode, now: http.now }).toEqual(expected)
      expect(client).toMatchObject(expected)
      expect(library).toEqual(expected)
      expect(msw).toMatchObject(expected)
      expect(await emulator.clock.set('manual', c, '2030-01-01T00:00:00.000Z')).toEqual({ mode: 'manual', now: '2030-01-01T00:00:00.000Z' })
    } finally {
      await deck.close()
      await emulator.close()
    }
  })

  it('the library names the duration grammar for a bad duration', async () => {
    const emulator = await createEmulator({ clock: 'manual' })
    try {
      await expect(emulator.clock.advance('30s1m')).rejects.toThrow(/largest unit first/)
    } finally {
      await emulator.close()
    }
  })
})
