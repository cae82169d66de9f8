import { describe, expect, it } from 'vitest'
import { withRequestId } from './respond.js'

describe('withRequestId', () => {
  // The shortcut must write exactly what the spread writes.
  const bodies: object[] = [
    { id: 'conn_1', status: 'connected', errors: [], nested: { a: 1 }, nothing: null, gone: undefined },
    {},
    { data: [], has_more: false },
    { 2: 'b', 1: 'a', name: 'x' },
    { request_id: 'kept', a: 1 },
    { quote: 'a"b\\c\u2028' },
  ]
  for (const body of bodies) {
    it(JSON.stringify(body), () => {
      expect(withRequestId(body, 'req_1')).toBe(JSON.stringify({ ...body, request_id: 'req_1' }))
    })
  }
})
