import { createHash, randomBytes } from 'node:crypto'

/**
 * Stand-ins for the secrets a session sent (passwords, MFA codes, answers).
 * The recorder never keeps a secret: each value is reduced at once to a
 * salted hash (salt per process, in memory), only to tell "the same password
 * as before" from "another one". The scenario gets `FILL_IN_…` strings: the
 * recorded account's password is the same placeholder its create step sends,
 * so the replay holds together, and a user who wants the real values knows
 * exactly what to replace.
 */
export class Placeholders {
  private readonly salt = randomBytes(16)
  private readonly seen = new Map<string, string>()
  private readonly counters = new Map<string, number>()

  /** The placeholder of `value` among the values of one kind within one scope (e.g. passwords of one username). */
  of(kind: string, scope: string, value: unknown): string {
    const digest = createHash('sha256')
      .update(this.salt)
      .update(`${kind}\u0000${scope}\u0000${String(value)}`)
      .digest('base64url')
    let placeholder = this.seen.get(digest)
    if (!placeholder) this.seen.set(digest, (placeholder = this.fresh(kind, scope)))
    return placeholder
  }

  /** A placeholder nobody sent (a correct answer the session never gave). */
  fresh(kind: string, _scope: string): string {
    // Numbered per kind across the whole file, so FILL_IN_PASSWORD_2 names one value wherever it appears.
    const key = kind
    const n = (this.counters.get(key) ?? 0) + 1
    this.counters.set(key, n)
    return `FILL_IN_${kind.toUpperCase()}_${n}`
  }
}
