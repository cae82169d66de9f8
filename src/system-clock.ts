import type { Clock } from './domain/clock.js'

/** The one place that reads the real time; everything else gets a `Clock` passed in. */
export const systemClock: Clock = { now: () => Date.now() }
