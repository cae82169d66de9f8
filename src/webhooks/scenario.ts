import { seedRng, Rng } from '../domain/random.js'
import type { Tenant } from '../tenant/tenant.js'
import { ScenarioSchema } from '../scenario/schema.js'
import type { ScenarioApplier } from '../scenario/sections.js'
import type { ScenarioDoc } from '../scenario/types.js'
import { createDestination } from './destinations.js'
import { generateSecret } from './sign.js'

type ScenarioDestination = ScenarioDoc['destinations'][number]

/**
 * A scenario destination without a `secret` gets one derived from the seed,
 * its position and URL: the same in every tenant and on every start, so the
 * CLI can print it once and a receiver can verify every tenant's deliveries.
 */
export function scenarioSecret(seed: number | string, index: number, destination: ScenarioDestination): string {
  return destination.secret ?? generateSecret(new Rng(seedRng(`${seed}:destination:${index}:${destination.url}`)))
}

/** Seeds the scenario's destinations into a (re)built tenant. */
export function seedDestinations(tenant: Tenant, scenario: ScenarioDoc): void {
  scenario.destinations.forEach((d, i) => {
    createDestination(tenant, {
      id: d.id,
      name: d.name ?? `Scenario destination ${i + 1}`,
      events: d.events,
      webhook: { url: d.url, secret: scenarioSecret(tenant.data.seed, i, d), custom_headers: d.custom_headers },
    })
  })
}

/** Event destinations: seeded on build only; a hot reload leaves them until the tenant is reset. */
export const destinationsApplier: ScenarioApplier = { name: 'destinations', sections: ['destinations'], apply: seedDestinations }

/** The destinations a scenario defines, with their secrets, for the CLI's start banner. */
export function describeDestinations(scenario: ScenarioDoc | null, seed: number | string) {
  return (scenario?.destinations ?? []).map((d, i) => ({ url: d.url, events: d.events, secret: scenarioSecret(scenario?.seed ?? seed, i, d) }))
}

/** Adds `--webhook` URLs (every event) to the default scenario, a blank one when none was given. */
export function withWebhookUrls(scenario: ScenarioDoc | null, urls: string[] | undefined): ScenarioDoc | null {
  if (!urls?.length) return scenario
  const base = scenario ?? ScenarioSchema.parse({ name: 'default' })
  const parsed = ScenarioSchema.safeParse({ name: base.name, destinations: urls.map((url) => ({ url, events: ['*'], name: `Webhook ${url}` })) })
  if (!parsed.success) throw new TypeError(`Invalid webhook URL: ${parsed.error.issues.map((i) => i.message).join('; ')}`)
  return { ...base, destinations: [...base.destinations, ...parsed.data.destinations] }
}
