import type { ClockState } from '../domain/clock.js'
import type { SourceScript, LoginStep, SessionScript } from '../domain/login-script.js'
import type { RngState } from '../domain/random.js'
import type { Connection, DeckEvent, Source } from '../domain/types.js'
import type { ScenarioDoc } from '../scenario/types.js'

/** A durable timer: plain data, so pending work survives a restart. */
export interface Timer {
  id: string
  at: number
  /** Insertion order, so timers due at the same instant run in the order they were set. */
  seq: number
  kind: string
  /** The object the timer belongs to (cancelled with it). */
  ref: string
  data?: Record<string, unknown>
}

/** Internal login progress of a connection. Never returned by the API. */
export interface LoginState {
  steps: LoginStep[]
  index: number
  attempts: number
  session: SessionScript
  username: string | null
  /** Kept only until the connection is terminated. */
  password: string | null
  credentials_set_at: number
}

export interface IdempotencyRecord {
  fingerprint: string
  status: number
  body: unknown
  at: number
}

export interface TenantData {
  key: string
  seed: number | string
  rng: RngState
  clock: ClockState
  /** The scenario the tenant was loaded with; reset returns to it. */
  scenario: ScenarioDoc | null
  scripts: Record<string, SourceScript>
  sources: Record<string, Source>
  connections: Record<string, Connection>
  logins: Record<string, LoginState>
  /** Memory store only (the file store keeps events in an append-only log): read through services/event-log.ts. */
  events: DeckEvent[]
  timers: Record<string, Timer>
  timer_seq: number
  idempotency: Record<string, IdempotencyRecord>
  /** File store: events up to this log sequence number belong to an earlier world of the tenant (before a reset). */
  events_after_seq?: number
  /** Retention: events created before this instant (ms) are gone. */
  events_pruned_before?: number
}

export interface DbData {
  version: 1
  tenants: Record<string, TenantData>
}

export const emptyDb = (): DbData => ({ version: 1, tenants: {} })
