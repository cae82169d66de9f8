/**
 * Durations as written everywhere (scenarios, the control plane, replay steps,
 * the library and the CLI): `150ms`, `5s`, `10m`, `1h`, `1d`, and compounds of
 * them, largest unit first: `1m30s`, `1h30m`, `2d12h`. This module is the one
 * parser: every caller goes through `parseDuration()` (or `durationProblem()`
 * for the message), so the grammar cannot drift between entry points.
 */
const UNITS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const
type Unit = keyof typeof UNITS
const ORDER: readonly Unit[] = ['d', 'h', 'm', 's', 'ms']
// `ms` before `m` so "150ms" is not read as 150 minutes followed by garbage.
const GROUP = /(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)\s*/y

/** The grammar, stated once, for error messages. */
export const DURATION_GRAMMAR =
  'a duration is one or more <number><unit> groups, largest unit first, each unit once (units d, h, m, s, ms; a decimal only in the last group), e.g. 150ms, 5s, 1m30s, 1h30m, or a number of milliseconds; at most 100 years'

/**
 * The longest duration accepted anywhere (100 years): beyond it a clock would
 * leave the range of JavaScript dates, and no test needs more.
 */
export const MAX_DURATION_MS = 100 * 365 * 86_400_000

/** Milliseconds, or undefined when `input` is not a duration (see DURATION_GRAMMAR). */
export function parseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 && input <= MAX_DURATION_MS ? input : undefined
  if (typeof input !== 'string') return undefined
  const text = input.trim()
  if (text === '') return undefined
  let total = 0
  let last = -1
  let decimalSeen = false
  GROUP.lastIndex = 0
  while (GROUP.lastIndex < text.length) {
    const match = GROUP.exec(text)
    if (!match) return undefined
    const rank = ORDER.indexOf(match[2] as Unit)
    // Ascending or repeated units (`30s1m`, `1m1m`) and a decimal before the end (`1.5m30s`) are ambiguous.
    if (rank <= last || decimalSeen) return undefined
    last = rank
    decimalSeen = match[1]!.includes('.')
    total += Number(match[1]) * UNITS[match[2] as Unit]
  }
  const ms = Math.round(total)
  return ms <= MAX_DURATION_MS ? ms : undefined
}

/** The message for a value that is not a duration, naming the grammar. */
export function durationProblem(input: unknown): string {
  return `expected a duration, got ${JSON.stringify(input)}: ${DURATION_GRAMMAR}`
}

/**
 * Milliseconds of a library option (`webhooks.timeout`, `rateLimit.per`,
 * `emulator.clock.advance`), or a TypeError with the same message a scenario
 * or the control plane gives (`what` names the option). Zod schemas use
 * scenario/durations.ts instead; both end in durationProblem().
 */
export function requireDuration(input: string | number, what?: string): number {
  const ms = parseDuration(input)
  if (ms === undefined) throw new TypeError(what ? `${what}: ${durationProblem(input)}` : durationProblem(input))
  return ms
}
