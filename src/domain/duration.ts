/** Durations as written in scenarios and the control plane: `150ms`, `5s`, `10m`, `1h`, `1d`. */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/

/**
 * The longest duration accepted anywhere (100 years): beyond it a clock would
 * leave the range of JavaScript dates, and no test needs more.
 */
export const MAX_DURATION_MS = 100 * 365 * 86_400_000

export function parseDuration(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 && input <= MAX_DURATION_MS ? input : undefined
  const match = PATTERN.exec(input.trim())
  if (!match) return undefined
  const ms = Math.round(Number(match[1]) * UNITS[match[2]!]!)
  return ms <= MAX_DURATION_MS ? ms : undefined
}

export function formatDuration(ms: number): string {
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`
  }
  return `${ms}ms`
}
