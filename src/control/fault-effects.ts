import type { FaultHit } from './faults.js'

/**
 * What the faults a request met did to it, as the journal shows it
 * (`fault_effects`): the delay actually waited (a distribution's sample),
 * the forced status, and the connection or body fault.
 */
export interface FaultEffects {
  delay_ms?: number
  status?: number
  connection?: 'reset' | 'reset_mid' | 'empty'
  body?: 'malformed' | 'trickle'
  trickle?: { duration_ms: number; chunks: number }
}

export function faultEffects(hit: FaultHit): FaultEffects {
  const effects: FaultEffects = {}
  if (hit.delay > 0) effects.delay_ms = hit.delay
  if (hit.error) effects.status = hit.error.status
  const network = hit.network
  if (network?.connection) effects.connection = network.connection
  if (network?.body) effects.body = network.body
  if (network?.trickle) effects.trickle = { duration_ms: network.trickle.duration, chunks: network.trickle.chunks }
  return effects
}
