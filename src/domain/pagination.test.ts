import { describe, expect, it } from 'vitest'
import { DeckError } from './errors.js'
import { paginate } from './pagination.js'

const items = Array.from({ length: 7 }, (_, n) => ({ id: `x_${n}`, created_at: `2026-01-01T00:00:0${Math.floor(n / 2)}.000Z` }))

describe('paginate', () => {
  it('walks every item exactly once, newest first, across pages', () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = paginate(items, { limit: 3, cursor, filters: { status: 'a' } })
      seen.push(...page.data.map((i) => i.id))
      cursor = page.next_cursor ?? undefined
      expect(page.has_more).toBe(cursor !== undefined)
    } while (cursor)
    expect(seen).toEqual(['x_6', 'x_5', 'x_4', 'x_3', 'x_2', 'x_1', 'x_0'])
  })

  it('rejects garbage cursors and cursors issued for other filters', () => {
    const page = paginate(items, { limit: 2, filters: { status: 'a' } })
    expect(() => paginate(items, { limit: 2, cursor: 'garbage', filters: {} })).toThrow(DeckError)
    expect(() => paginate(items, { limit: 2, cursor: page.next_cursor!, filters: { status: 'b' } })).toThrow(/cursor/)
  })
})
