import { describe, expect, it } from 'vitest'
import { eventTypeList } from './event-types.js'
import { eventTypesFor } from './event-types-by-generation.js'

describe('eventTypesFor', () => {
  it('both: every type; a pinned setting: its own and the shared ones, none of the other generation', () => {
    const types = (setting: Parameters<typeof eventTypesFor>[0]) => eventTypesFor(setting).map((t) => t.type)
    expect(types('both')).toEqual(eventTypeList().map((t) => t.type))
    expect(types('connections')).toContain('connection.connected')
    expect(types('connections')).toContain('task_run.pending')
    expect(types('connections').some((t) => t.startsWith('credential.') || t.startsWith('session.') || t === 'task_run.review_required')).toBe(false)
    expect(types('credentials')).toEqual(
      expect.arrayContaining(['credential.verified', 'session.idle', 'task_run.canceling', 'task_run.completed', 'source.created']),
    )
    expect(types('credentials').some((t) => t.startsWith('connection.') || t === 'task_run.pending')).toBe(false)
  })
})
