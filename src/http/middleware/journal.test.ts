import { describe, expect, it } from 'vitest'
import { requestTarget } from './journal.js'

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
