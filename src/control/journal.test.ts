import { describe, expect, it } from 'vitest'
import { clearRequests, JOURNAL_LIMIT, listRequests, recordRequest, requestTarget, type JournalRecord } from './journal.js'
import type { Tenant } from '../tenant/tenant.js'

describe('requestTarget', () => {
  // The shortcut must give exactly what new URL() gives, for plain and for tricky URLs.
  const urls = [
    'http://127.0.0.1:4010/v2/connections/conn_abc',
    'https://api.deck.co/v2/connections',
    'http://deck-emulator.local/v2/connections?external_id=cust_1&limit=2',
    'http://h/v2/connections/a%20b',
    'http://h/v2/./connections/../sources',
    'http://h/v2/.well-known',
    'http://h/v2/x#frag',
    'http://h/v2/x?',
    "http://h/v2/it's:@!$&()*+,;=~",
    'http://h//v2//double',
    'http://h',
  ]
  for (const url of urls) {
    it(url, () => {
      const parsed = new URL(url)
      expect(requestTarget(url)).toEqual({ path: parsed.pathname, query: Object.fromEntries(parsed.searchParams) })
    })
  }
})

describe('request journal ring', () => {
  const tenant = () => ({ runtime: new Map() }) as unknown as Tenant
  const record = (t: Tenant, i: number, extra: Partial<JournalRecord> = {}) =>
    recordRequest(t, (slot) =>
      Object.assign(slot, {
        request_id: `req_${i}`,
        at: Date.UTC(2026, 0, 1) + i,
        method: 'GET',
        url: `https://api.deck.co/v2/connections/conn_${i}`,
        status: 200,
        duration_ms: 1,
        body: null,
        error: undefined,
        idempotency_key: undefined,
        faults: undefined,
        ...extra,
      }),
    )

  it('keeps the last 1,000 requests, oldest first, shaped when read', () => {
    const t = tenant()
    for (let i = 0; i < 1500; i++) record(t, i)
    const all = listRequests(t, { limit: 5000 })
    expect(all).toHaveLength(JOURNAL_LIMIT)
    expect(all[0]).toEqual({
      request_id: 'req_500',
      at: '2026-01-01T00:00:00.500Z',
      method: 'GET',
      path: '/v2/connections/conn_500',
      query: {},
      status: 200,
      duration_ms: 1,
      body: null,
    })
    expect(all.at(-1)?.request_id).toBe('req_1499')
    expect(listRequests(t, { limit: 2 }).map((e) => e.request_id)).toEqual(['req_1498', 'req_1499'])
  })

  it('filters before the limit and shows optional fields only when set; a clear starts afresh', () => {
    const t = tenant()
    record(t, 1, {
      method: 'POST',
      url: 'https://api.deck.co/v2/connections?x=1',
      status: 409,
      error: 'invalid_state',
      idempotency_key: 'k',
      faults: ['flt_1'],
    })
    record(t, 2)
    const [conflict] = listRequests(t, { status: 409, limit: 10 })
    expect(conflict).toMatchObject({ path: '/v2/connections', query: { x: '1' }, error: 'invalid_state', idempotency_key: 'k', faults: ['flt_1'] })
    expect(listRequests(t, { method: 'get', path: /^\/v2\/connections\/conn_2$/, limit: 10 }).map((e) => e.request_id)).toEqual(['req_2'])
    expect(listRequests(t, { limit: 10 })[1]).not.toHaveProperty('error')
    clearRequests(t)
    expect(listRequests(t, { limit: 10 })).toEqual([])
  })
})
