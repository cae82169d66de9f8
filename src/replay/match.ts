/**
 * Partial matching for `expect`: every key written in the expectation must
 * match; keys not written are ignored. Arrays match element by element from
 * the start (`errors: [{code: x}]` checks errors[0].code); an empty array
 * expects an empty array. Returns one line per mismatch.
 */
export function mismatches(expected: unknown, actual: unknown, path = ''): string[] {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path || 'value'}: expected an object, saw ${show(actual)}`]
    return Object.entries(expected).flatMap(([key, value]) => mismatches(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key))
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, saw ${show(actual)}`]
    if (expected.length === 0 && actual.length > 0) return [`${path}: expected none, saw ${show(actual)}`]
    if (actual.length < expected.length) return [`${path}: expected at least ${expected.length} item(s), saw ${show(actual)}`]
    return expected.flatMap((item, i) => mismatches(item, actual[i], `${path}[${i}]`))
  }
  if (expected === actual) return []
  // YAML `external_id: 42` vs the API's "42": the same thing to a test author.
  if (expected !== null && actual !== null && typeof expected !== 'object' && typeof actual !== 'object' && String(expected) === String(actual)) return []
  return [`${path}: expected ${show(expected)}, saw ${show(actual)}`]
}

export function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return value
  const text = JSON.stringify(value)
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}
