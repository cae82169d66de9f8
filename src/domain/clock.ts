/**
 * Each tenant has its own clock, kept as plain data so it survives restarts.
 * `manual`: time moves only when advanced. `system`: real time plus an offset
 * (advancing a system clock makes time jump, then it keeps running).
 */
export type ClockMode = 'manual' | 'system'

export interface ClockState {
  mode: ClockMode
  /** Manual mode: the current time (ms since epoch). */
  now: number
  /** System mode: added to the real time. */
  offset: number
}

/** The real time source, injected (see src/system-clock.ts) so nothing else reads the real time. */
export interface Clock {
  now(): number
}

export function clockNow(state: ClockState, real: Clock): number {
  return state.mode === 'manual' ? state.now : real.now() + state.offset
}

export function initialClock(mode: ClockMode, real: Clock, start?: number): ClockState {
  const now = start ?? real.now()
  return mode === 'manual' ? { mode, now, offset: 0 } : { mode, now, offset: now - real.now() }
}

/** Switch mode keeping the current instant (or jumping to `at`). */
export function switchClock(state: ClockState, mode: ClockMode, real: Clock, at?: number): ClockState {
  return initialClock(mode, real, at ?? clockNow(state, real))
}
