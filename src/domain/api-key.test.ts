import { describe, expect, it } from 'vitest'
import { KEY_PATTERN } from './api-key.js'

describe('KEY_PATTERN', () => {
  it.each(['sk_test_abcd', 'sk_live_A1_b2', 'sk_test_1234567890'])('accepts %s', (key) => expect(KEY_PATTERN.test(key)).toBe(true))
  it.each(['sk_test_abc', 'pk_test_abcd', 'sk_prod_abcd', 'sk_test_ab-cd', ' sk_test_abcd', 'sk_test_abcd\n'])('refuses %j', (key) =>
    expect(KEY_PATTERN.test(key)).toBe(false),
  )
})
