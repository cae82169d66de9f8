import type { ScenarioDoc } from './types.js'
import type { Tenant } from '../tenant/tenant.js'

/** A top-level key of a scenario file (`sources:`, `faults:`, …). */
export type ScenarioSection = keyof ScenarioDoc

/**
 * Puts one or more sections of a scenario into a tenant. `apply` runs when the
 * tenant's world is (re)built: first use of a key, reset, PUT
 * /_emulator/scenario, `--watch` reset. `update` runs on a hot reload
 * (`reloadScenario`) and must change the tenant in place without dropping
 * state; an applier without one leaves its objects as they are until a reset.
 * The list of appliers is `SCENARIO_APPLIERS` (scenario/apply.ts).
 */
export interface ScenarioApplier {
  /** What it is called in errors and tests. */
  name: string
  sections: readonly ScenarioSection[]
  apply(tenant: Tenant, scenario: ScenarioDoc): void
  update?(tenant: Tenant, scenario: ScenarioDoc): void
}

/**
 * Sections no applier copies into the tenant, and why: the tenant core reads
 * them when it builds the world, or a module reads `tenant.scenario` when it
 * needs them (so a hot reload takes effect at once). A new section must be
 * named here or in an applier's `sections` (scenario/sections.test.ts checks).
 */
export const SECTIONS_READ_IN_PLACE: Readonly<Partial<Record<ScenarioSection, string>>> = {
  name: 'metadata (CLI banner, replay reports)',
  description: 'metadata',
  seed: 'Tenants.build: the tenant RNG seed',
  clock: 'Tenants.build: the clock mode',
  start: 'Tenants.build: where a manual clock starts',
  api: 'Tenant.api, per request (domain/generation.ts)',
  faults: 'control/faults.ts, per request',
  webhook_faults: 'webhooks/faults.ts, per delivery attempt',
  webhook_retries: 'webhooks/install.ts, per delivery attempt',
  rate_limit: 'http/middleware/rate-limit.ts, per request',
  plan: 'task-runs/timeout.ts, per task create/update',
  limits: 'sessions/service.ts, per session create',
  steps: 'replay/runner.ts: replay only, never seeded into a tenant',
}

/**
 * How an array section adds up when several scenario files are loaded
 * together (a directory, repeated `--scenario`). Every array section not named
 * here is concatenated in file order; other sections come from the first file.
 * - `replace-by-id`: a later file's item replaces an earlier one with the same `id`.
 * - `drop`: the merged world has none (replay steps belong to one file).
 */
export const ARRAY_MERGE_RULES: Readonly<Partial<Record<ScenarioSection, 'replace-by-id' | 'drop'>>> = {
  sources: 'replace-by-id',
  steps: 'drop',
}

/** Several scenarios loaded together make one world: their array sections add up (ARRAY_MERGE_RULES). */
export function mergeScenarios(docs: ScenarioDoc[]): ScenarioDoc | null {
  if (docs.length === 0) return null
  if (docs.length === 1) return docs[0]!
  const [first, ...rest] = docs
  const merged: Record<string, unknown> = { ...first!, name: docs.map((d) => d.name).join(' + ') }
  for (const [section, value] of Object.entries(first!)) {
    if (!Array.isArray(value)) continue
    const rule = ARRAY_MERGE_RULES[section as ScenarioSection]
    if (rule === 'drop') {
      merged[section] = []
      continue
    }
    let items: unknown[] = value
    for (const doc of rest) {
      const more = (doc as Record<string, unknown>)[section] as unknown[]
      items = rule === 'replace-by-id' ? [...items.filter((item) => !more.some((m) => idOf(m) === idOf(item))), ...more] : [...items, ...more]
    }
    merged[section] = items
  }
  return merged as ScenarioDoc
}

const idOf = (item: unknown): unknown => (item as { id?: unknown }).id
