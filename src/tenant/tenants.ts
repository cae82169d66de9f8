import { initialClock, type Clock, type ClockMode } from '../domain/clock.js'
import { newId } from '../domain/ids.js'
import { Rng, seedRng } from '../domain/random.js'
import type { ApiSetting } from '../domain/generation.js'
import type { ScenarioApplier } from '../scenario/sections.js'
import type { ScenarioDoc } from '../scenario/types.js'
import type { TenantData } from '../store/data.js'
import type { Store } from '../store/store.js'
import type { CollectionListener } from '../store/tracker.js'
import { Tenant, type TenantHooks } from './tenant.js'

export interface TenantDefaults {
  seed: number | string
  clock: ClockMode
  /** Where manual clocks start when the scenario says nothing: fixed, so runs are byte-identical. */
  manualStart: number
  scenario: ScenarioDoc | null
  /** What tenants serve when their scenario has no `api:` (the CLI's --api, the library's `api`). @default 'both' */
  api?: ApiSetting
}

export const DEFAULT_MANUAL_START = Date.parse('2026-01-01T00:00:00.000Z')

/**
 * All tenants (one per API key), created on first use from the loaded
 * scenario and kept in the store, so a restart finds each world as it was.
 */
export class Tenants {
  private readonly live = new Map<string, Tenant>()
  /**
   * What puts a scenario's sections into a tenant (the composition root fills
   * it with SCENARIO_APPLIERS, scenario/apply.ts): run in order on every build,
   * their `update`s on a hot reload.
   */
  readonly appliers: ScenarioApplier[] = []
  /**
   * Request ids come from their own seeded stream per key, kept in memory and
   * across resets and scenario loads: they never repeat within a process and
   * never echo an object id, and reads cost no write.
   */
  private readonly requestRngs = new Map<string, Rng>()

  constructor(
    private readonly store: Store,
    private readonly real: Clock,
    private readonly hooks: TenantHooks,
    public defaults: TenantDefaults,
  ) {}

  requestId(key: string): string {
    let rng = this.requestRngs.get(key)
    if (!rng) this.requestRngs.set(key, (rng = new Rng(seedRng(`${this.defaults.seed}:${key}:requests`))))
    return newId(rng, 'request')
  }

  get(key: string): Tenant {
    let tenant = this.live.get(key)
    if (tenant) return tenant
    const stored = this.store.data.tenants[key]
    tenant = stored ? this.attach(key, stored, false) : this.build(key, this.defaults.scenario)
    this.live.set(key, tenant)
    return tenant
  }

  /**
   * What the key's tenant serves (its scenario's `api:`, else the default),
   * without creating the tenant; no key: what a new tenant would serve.
   */
  apiOf(key?: string): ApiSetting {
    const live = key === undefined ? undefined : this.live.get(key)
    if (live) return live.api
    const stored = key === undefined ? undefined : this.store.data.tenants[key]
    return (stored ? stored.scenario : this.defaults.scenario)?.api ?? this.defaults.api ?? 'both'
  }

  /** Every tenant in the store (loads them all). */
  all(): Tenant[] {
    return Object.keys(this.store.data.tenants).map((key) => this.get(key))
  }

  /** Back to the tenant's loaded scenario (or blank). */
  reset(key: string): Tenant {
    const scenario = this.store.data.tenants[key]?.scenario ?? this.defaults.scenario
    return this.replace(key, scenario)
  }

  /** Replaces the tenant's scenario and world. */
  replace(key: string, scenario: ScenarioDoc | null): Tenant {
    const tenant = this.build(key, scenario)
    this.live.set(key, tenant)
    return tenant
  }

  /**
   * Hot reload: the defaults become `scenario`, and every tenant still running
   * the previous defaults gets the new scripts and sources in place, so its
   * connections, events and clock stay as they are. A source removed from the
   * file stays (connections point at it) until the tenant is reset. Tenants
   * that loaded their own scenario (PUT /_emulator/scenario) are left alone.
   * Returns the keys of the tenants updated.
   */
  updateScenario(scenario: ScenarioDoc): string[] {
    const previous = JSON.stringify(this.defaults.scenario)
    this.defaults = { ...this.defaults, scenario }
    const updated: string[] = []
    for (const tenant of this.all()) {
      if (JSON.stringify(tenant.data.scenario) !== previous) continue
      tenant.data.scenario = scenario
      for (const applier of this.appliers) applier.update?.(tenant, scenario)
      updated.push(tenant.key)
    }
    return updated
  }

  /** Resets every tenant created from the defaults (used when a watched scenario changes). */
  resetAll(): void {
    for (const key of Object.keys(this.store.data.tenants)) this.reset(key)
  }

  /** Every Tenant goes through the store, which decides how its data is tracked and where its events live. */
  private attach(key: string, raw: TenantData, fresh: boolean): Tenant {
    const listeners = new Map<string, CollectionListener>()
    const { data, events, secrets } = this.store.attach(key, raw, fresh, listeners)
    return new Tenant(data, this.real, this.hooks, { events, listeners, secrets, api: () => this.defaults.api ?? 'both' })
  }

  private build(key: string, scenario: ScenarioDoc | null): Tenant {
    const seed = scenario?.seed ?? this.defaults.seed
    const mode = scenario?.clock ?? this.defaults.clock
    const start = scenario?.start ? Date.parse(scenario.start) : mode === 'manual' ? this.defaults.manualStart : undefined
    const clock = initialClock(mode, this.real, start)
    // The core fields and the first-generation collections still read directly; every other
    // collection is created by its module on first write (tenant/collection.ts).
    const data: TenantData = {
      key,
      seed,
      rng: seedRng(`${seed}:${key}`),
      clock,
      scenario,
      scripts: {},
      sources: {},
      connections: {},
      logins: {},
      events: [],
      timers: {},
      timer_seq: 0,
      idempotency: {},
      task_runs: {},
      task_run_states: {},
    }
    const tenant = this.attach(key, data, true)
    if (scenario) {
      for (const applier of this.appliers) applier.apply(tenant, scenario)
    }
    return tenant
  }
}
