import { clockNow, type Clock, type ClockState } from '../domain/clock.js'
import type { EventDraft } from '../domain/connection.js'
import { eventTime } from '../domain/event-order.js'
import { newId, type IdKind } from '../domain/ids.js'
import { Rng } from '../domain/random.js'
import type { Connection, ConnectionStatus, DeckEvent } from '../domain/types.js'
import type { ScenarioDoc } from '../scenario/types.js'
import type { TenantData, Timer } from '../store/data.js'
import { MemoryEventStore, type EventStore } from '../store/event-store.js'
import { MemorySecrets, type TenantSecrets } from '../store/secrets.js'
import type { CollectionListener } from '../store/tracker.js'
import { plainData } from './plain-data.js'
import { appendEvent } from './event-log.js'
import { TimerQueue } from './timer-queue.js'
import { errors } from '../domain/errors.js'
import type { ApiSetting } from '../domain/generation.js'

const LATEST_TIME = 8.64e15

export type TimerHandler = (tenant: Tenant, timer: Timer) => void
/** Called after a connection changed status (its event is already recorded). */
export type ConnectionMovedHook = (tenant: Tenant, connection: Connection, from: ConnectionStatus | null) => void

/**
 * What the composition root plugs into every tenant. Resource modules add
 * their own optional hooks by declaration merging (`declare module
 * '../tenant/tenant.js' { interface TenantHooks { … } }`: login drivers in
 * connections/login-drivers.ts, session drivers in sessions/login.ts, the
 * artifact context in artifacts/context.ts), so the core imports none of them.
 */
export interface TenantHooks {
  /** Called for every event recorded (webhook outbox, long-polls, live views). */
  onEvent: ((tenant: Tenant, event: DeckEvent) => void)[]
  timers: Record<string, TimerHandler>
  /** Called after every connection status change, natural or forced; `from` is null for a new connection (logs, live views, task runs). */
  onConnectionMoved?: ConnectionMovedHook[]
}

/**
 * One API key's world at run time: its stored data plus what is derived from
 * it (RNG over the stored state, timer index). Services take a Tenant; no
 * module reads the time or randomness any other way.
 */
export class Tenant {
  readonly rng: Rng
  readonly timers: TimerQueue
  /** Per-collection change listeners (indexes such as services/connection-index.ts register here). */
  readonly listeners: Map<string, CollectionListener>
  /** The tenant's events (read them through services/event-log.ts only). */
  readonly events: EventStore
  /** Passwords and other secrets, kept outside `data` so a deleted one leaves no copy on disk (store/secrets.ts). */
  readonly secrets: TenantSecrets

  /**
   * `data` is the store's view of the tenant (Store.attach): with file storage
   * every change made through it, at any depth, is tracked and written.
   * `listeners`: the same map given to attach, for collection indexes.
   */
  constructor(
    readonly data: TenantData,
    readonly real: Clock,
    readonly hooks: TenantHooks,
    binding: { events?: EventStore; listeners?: Map<string, CollectionListener>; secrets?: TenantSecrets; api?: () => ApiSetting } = {},
  ) {
    this.defaultApi = binding.api ?? (() => 'both')
    this.events = binding.events ?? new MemoryEventStore(data.events)
    this.secrets = binding.secrets ?? new MemorySecrets().forTenant(data.key)
    this.listeners = binding.listeners ?? new Map()
    this.rng = new Rng(data.rng)
    this.timers = new TimerQueue(data.timers)
    this.plain = plainData(data)
    this.key = data.key
  }

  /** The API key (never changes for a tenant). */
  readonly key: string
  /**
   * `data` as plain objects, for reading only: no change tracking, so no
   * proxy trap per property read (the clock on every request, list pages,
   * replies to serialise). Never write through it: a change made here is not
   * stored. Write through `data`.
   */
  readonly plain: Readonly<TenantData>

  /** The clock state, for reading (change it through `data.clock`, so the change is stored). */
  get clock(): Readonly<ClockState> {
    return this.plain.clock
  }

  private readonly defaultApi: () => ApiSetting

  /** The API generation(s) the tenant serves: its scenario's `api:`, else the emulator's default (domain/generation.ts). */
  get api(): ApiSetting {
    return this.plain.scenario?.api ?? this.defaultApi()
  }

  /** The scenario the tenant was loaded with, for reading (per-request checks: rate limit, retry schedule). */
  get scenario(): Readonly<ScenarioDoc> | null {
    return this.plain.scenario
  }

  now(): number {
    return clockNow(this.plain.clock, this.real)
  }

  nowIso(): string {
    // Formatting a Date shows in request profiles; under load many calls fall in the same millisecond.
    const now = this.now()
    if (now !== this.isoAt) {
      this.isoAt = now
      this.iso = new Date(now).toISOString()
    }
    return this.iso
  }
  private lastEventAt: number | undefined
  private isoAt = Number.NaN
  private iso = ''

  id(kind: IdKind): string {
    return newId(this.rng, kind)
  }

  emit(drafts: EventDraft[]): DeckEvent[] {
    return drafts.map((draft) => {
      // Strictly increasing created_at within the tenant (domain/event-order.ts).
      // The last event's time is read from the log once, then kept (the log may live on disk).
      this.lastEventAt ??= this.events.size ? Date.parse(this.events.at(this.events.size - 1).created_at) : Number.NaN
      const at = eventTime(this.now(), this.lastEventAt)
      this.lastEventAt = at
      const event: DeckEvent = {
        id: this.id('event'),
        object: 'event',
        type: draft.type,
        data: draft.data,
        created_at: at === this.now() ? this.nowIso() : new Date(at).toISOString(),
      }
      appendEvent(this, event)
      for (const hook of this.hooks.onEvent) hook(this, event)
      return event
    })
  }

  schedule(kind: string, ref: string, at: number, data?: Record<string, unknown>): Timer {
    const timer: Timer = { id: this.id('timer'), at, seq: this.data.timer_seq++, kind, ref, ...(data ? { data } : {}) }
    this.timers.add(timer)
    return timer
  }

  /**
   * Runs every timer due at or before `until` (default: now), in due order.
   * With a manual clock the clock steps to each timer's time first, so events
   * carry the instant they happened at. Returns how many ran.
   */
  runDue(until = this.now()): number {
    let ran = 0
    for (let timer = this.timers.peek(); timer && timer.at <= until; timer = this.timers.peek()) {
      this.timers.remove(timer)
      if (this.clock.mode === 'manual' && timer.at > this.clock.now) this.data.clock.now = timer.at
      const handler = this.hooks.timers[timer.kind]
      if (handler) handler(this, timer)
      ran++
      if (ran > 100_000) throw new Error(`timer loop: more than 100000 timers due at once in tenant (last kind ${timer.kind})`)
    }
    return ran
  }

  /** Moves the clock forward and runs what falls due on the way. */
  advance(ms: number): void {
    // JavaScript dates end in the year 275760; a clock past that would break every timestamp.
    if (!(this.now() + ms <= LATEST_TIME)) throw errors.inputInvalid('The clock cannot move that far: it would leave the range of dates.', 'by')
    if (this.data.clock.mode === 'system') {
      this.data.clock.offset += ms
      this.runDue()
      return
    }
    const target = this.data.clock.now + ms
    this.runDue(target)
    this.data.clock.now = target
  }
}
