import { DeckError, type ErrorDetail } from '../domain/errors.js'
import { sampleDelay } from '../domain/latency.js'
import { Rng, seedRng } from '../domain/random.js'
import type { FaultDef } from '../scenario/schema.js'
import type { Tenant } from '../tenant/tenant.js'
import { slot } from '../tenant/slot.js'

/** A fault as the control plane shows it: its definition plus how often it fired. */
export interface ActiveFault extends FaultDef {
  id: string
  origin: 'scenario' | 'control'
  hits: number
  /** Matching requests it still applies to (null: unlimited). */
  remaining: number | null
}

interface FaultState {
  faults: ActiveFault[]
  seq: number
  /** The tenant's chaos stream: `probability` draws and delay samples (see `state`). */
  rng: Rng
}

/** What the network-level faults do to the answer (the transport carries it out: http/chaos.ts). */
export interface NetworkEffect {
  connection?: 'reset' | 'reset_mid' | 'empty'
  body?: 'malformed' | 'trickle'
  trickle?: { duration: number; chunks: number }
}

/** What a request meets: the sum of the matching delays, the first forced response, the first network effect. */
export interface FaultHit {
  delay: number
  error?: DeckError
  ids: string[]
  network?: NetworkEffect
}

/** Real-time fault delays are capped (one draw of a lognormal tail must not hang a suite). */
export const MAX_FAULT_DELAY_MS = 60_000

/**
 * Faults live in a tenant runtime slot (tenant/slot.ts, not the store): they are a
 * test-time knob. A tenant starts with its scenario's faults; a reset (new
 * Tenant object) starts again from them, with fresh `times` counters.
 * IDs are sequential, not from the seeded RNG, so faults never shift the IDs
 * the API hands out. Chance and jitter come from a stream of their own,
 * seeded from the tenant's seed and key: the same seed faults the same
 * requests, and the API's ids stay exactly what they are without faults.
 */
const faultState = slot('faults', (tenant): FaultState => {
  const s: FaultState = { faults: [], seq: 0, rng: new Rng(seedRng(`${tenant.data.seed}:${tenant.key}:faults`)) }
  for (const def of tenant.scenario?.faults ?? []) push(s, def, 'scenario')
  return s
})

function state(tenant: Tenant): FaultState {
  return faultState.of(tenant)
}

function push(s: FaultState, def: FaultDef, origin: ActiveFault['origin']): ActiveFault {
  const fault: ActiveFault = { ...def, id: `flt_${++s.seq}`, origin, hits: 0, remaining: def.times ?? null }
  s.faults.push(fault)
  return fault
}

export function addFault(tenant: Tenant, def: FaultDef): ActiveFault {
  return push(state(tenant), def, 'control')
}

export function listFaults(tenant: Tenant): ActiveFault[] {
  return state(tenant).faults
}

/** Removes one fault (by id) or all of them; returns how many were removed. */
export function clearFaults(tenant: Tenant, id?: string): number {
  const s = state(tenant)
  const before = s.faults.length
  s.faults = id === undefined ? [] : s.faults.filter((f) => f.id !== id)
  return before - s.faults.length
}

const globCache = new Map<string, RegExp>()
export function pathGlob(glob: string): RegExp {
  let re = globCache.get(glob)
  if (!re) {
    const body = glob
      .replace(/\/+$/, '')
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('')
    re = new RegExp(`^${body}/?$`)
    globCache.set(glob, re)
  }
  return re
}

/** Default envelope per status when a fault gives only `status`. */
function defaults(status: number): { type: string; code: string } {
  if (status === 429) return { type: 'rate_limit', code: 'rate_limit_exceeded' }
  if (status === 504) return { type: 'connection', code: 'timeout' }
  if (status >= 500) return { type: 'api', code: 'api_error' }
  return { type: 'request', code: 'input_invalid' }
}

function toError(respond: NonNullable<FaultDef['respond']>): DeckError {
  const base = defaults(respond.status)
  const detail: ErrorDetail = {
    type: respond.type ?? base.type,
    code: respond.code ?? base.code,
    message: respond.message ?? `Scripted fault: ${respond.type ?? base.type}/${respond.code ?? base.code} (status ${respond.status}).`,
  }
  const retryAfter = respond.retry_after ?? (respond.status === 429 ? 1000 : undefined)
  return new DeckError(respond.status, [detail], retryAfter === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil(retryAfter / 1000))) })
}

const NO_HIT: FaultHit = Object.freeze({ delay: 0, ids: Object.freeze([]) as unknown as string[] })

/**
 * Finds the faults a request meets and counts it against their `times`. A
 * fault with `probability` draws once per matching request it could apply
 * to; a miss neither counts as a hit nor uses up `times`.
 */
export function takeFaults(tenant: Tenant, method: string, path: string): FaultHit {
  const s = state(tenant)
  const faults = s.faults
  if (faults.length === 0) return NO_HIT // the usual case, on every request: nothing to allocate
  const hit: FaultHit = { delay: 0, ids: [] }
  for (const fault of faults) {
    if (fault.remaining === 0) continue
    if (fault.match.method && fault.match.method !== method.toUpperCase()) continue
    if (!pathGlob(fault.match.path).test(path)) continue
    if (fault.respond && hit.error) continue // only the first forced response applies; keep later ones for later requests
    const network = networkOf(fault)
    if (network && hit.network) continue // likewise the first network effect
    if (fault.probability !== undefined && !(s.rng.next() < fault.probability)) continue
    fault.hits++
    if (fault.remaining !== null) fault.remaining--
    hit.ids.push(fault.id)
    if (fault.delay !== undefined) hit.delay += sampleDelay(fault.delay, s.rng, MAX_FAULT_DELAY_MS)
    if (fault.respond) hit.error = toError(fault.respond)
    if (network) hit.network = network
  }
  return hit
}

function networkOf(fault: FaultDef): NetworkEffect | undefined {
  if (fault.connection) return { connection: fault.connection }
  if (fault.body === 'trickle') return { body: 'trickle', trickle: { duration: fault.trickle?.duration ?? 1000, chunks: fault.trickle?.chunks ?? 10 } }
  if (fault.body) return { body: fault.body }
  return undefined
}
