/** Deepest nesting any request body may have: far beyond any Deck body, far below what recursive code (redaction, zod, structuredClone) can overflow on. */
export const MAX_JSON_DEPTH = 64

/**
 * Nesting depth of a parsed JSON value (a scalar is 0, `{}` is 1), computed
 * without recursion so a hostile 100,000-level body can't overflow the stack
 * here either. Stops counting once `limit` is passed.
 */
export function jsonDepthExceeds(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    const d = depth + 1
    if (d > limit) return true
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d])
  }
  return false
}
