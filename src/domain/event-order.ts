/**
 * Events of one tenant are strictly ordered by `created_at`, so a receiver can
 * "order by created_at" even on a manual clock, where everything between two
 * advances happens in one instant: an event in the same millisecond as the
 * previous one (or just before it) is stamped 1 ms after it. A clock set back
 * on purpose (more than a second before the last event) is followed as set.
 */
export const ORDER_WINDOW_MS = 1000

export function eventTime(now: number, previous: number | undefined): number {
  if (previous === undefined || Number.isNaN(previous)) return now
  return previous >= now && previous - now < ORDER_WINDOW_MS ? previous + 1 : now
}
