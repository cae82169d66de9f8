import { describe, expect, it } from 'vitest'
import { newSession, transitionSession } from './session.js'

describe('session state machine', () => {
  it('queued → running → idle → running → completing → completed, runtime from creation, summary payloads', () => {
    const created = Date.parse('2026-01-01T00:00:00.000Z')
    let { object: s, events } = newSession('sess_1', '2026-01-01T00:00:00.000Z')
    expect(events[0]).toEqual({
      type: 'session.queued',
      data: { id: 'sess_1', object: 'session', status: 'queued', runtime_ms: 0, created_at: s.created_at, updated_at: s.updated_at },
    })
    for (const [to, at] of [
      ['running', 1],
      ['idle', 5],
      ['running', 9],
      ['completing', 12],
      ['completed', 12],
    ] as const) {
      const r = transitionSession(s, to, created + at * 1000, new Date(created + at * 1000).toISOString())
      expect(r.events[0]!.type).toBe(`session.${to}`)
      s = r.object
    }
    expect(s.runtime_ms).toBe(12_000)
    expect(() => transitionSession(s, 'running', created, 'x')).toThrow(/completed/)
  })

  it('an idle session cannot jump to completed without completing', () => {
    const s = transitionSession(newSession('sess_1', '2026-01-01T00:00:00.000Z').object, 'running', 0, 'x').object
    expect(() => transitionSession(transitionSession(s, 'idle', 0, 'x').object, 'completed', 0, 'x')).toThrow()
  })
})
