import { typeMatches } from '../domain/webhook-policy.js'
import { isRandomDelay, sampleDelay, type DelaySpec } from '../domain/latency.js'
import { Rng, seedRng } from '../domain/random.js'
import { WEBHOOK_JITTER_CAP_MS, type DeliveryFault } from '../domain/webhooks.js'
import type { Tenant } from '../tenant/tenant.js'
import { slot } from '../tenant/slot.js'

/** A scenario's `webhook_faults` entry, as validated by scenario/schema.ts. */
export interface WebhookFaultRule {
  match: { type: string }
  duplicate?: number | undefined
  delay?: DelaySpec | undefined
  drop?: true | undefined
  bad_signature?: true | undefined
  stale_timestamp?: number | undefined
  probability?: number | undefined
}

export interface PlannedDeliveries {
  /** How many copies of the event to send (same `webhook-id`): receivers must dedupe. */
  copies: number
  fault: DeliveryFault | null
}

/**
 * The tenant's webhook chaos stream (probability draws, delay jitter), in
 * memory and seeded from the tenant's seed and key: the same seed and the
 * same events fault the same deliveries, and it never touches the stream the
 * ids come from. A reset (new Tenant) starts it again.
 */
function chaos(tenant: Tenant): Rng {
  return chaosStream.of(tenant)
}

const chaosStream = slot('webhook chaos stream', (tenant) => new Rng(seedRng(`${tenant.data.seed}:${tenant.key}:webhook-faults`)))

/**
 * What the tenant's scenario does to deliveries of one event type (to one
 * destination): the first matching rule wins; a rule with `probability`
 * that misses its draw is passed over for the next one. Resends are never
 * faulted, so a test can always get a clean delivery on demand.
 */
export function planDeliveries(tenant: Tenant, type: string): PlannedDeliveries {
  const rules = (tenant.scenario?.webhook_faults ?? []) as WebhookFaultRule[]
  for (const rule of rules) {
    if (!typeMatches(rule.match.type, type)) continue
    if (rule.probability !== undefined && !(chaos(tenant).next() < rule.probability)) continue
    return plan(tenant, rule)
  }
  return { copies: 1, fault: null }
}

function plan(tenant: Tenant, rule: WebhookFaultRule): PlannedDeliveries {
  const delay =
    rule.delay === undefined ? undefined : isRandomDelay(rule.delay) ? sampleDelay(rule.delay, chaos(tenant), WEBHOOK_JITTER_CAP_MS) : (rule.delay as number)
  const fault: DeliveryFault = {
    ...(rule.drop ? { drop: true as const } : {}),
    ...(rule.bad_signature ? { bad_signature: true as const } : {}),
    ...(rule.stale_timestamp !== undefined ? { stale_timestamp_ms: rule.stale_timestamp } : {}),
    ...(delay !== undefined ? { delay_ms: delay } : {}),
  }
  return { copies: rule.drop ? 1 : (rule.duplicate ?? 1), fault }
}
