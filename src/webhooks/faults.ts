import { typeMatches } from '../domain/webhook-policy.js'
import type { DeliveryFault } from '../domain/webhooks.js'
import type { Tenant } from '../services/tenant.js'

/** A scenario's `webhook_faults` entry, as validated by scenario/schema.ts. */
export interface WebhookFaultRule {
  match: { type: string }
  duplicate?: number | undefined
  delay?: number | undefined
  drop?: true | undefined
  bad_signature?: true | undefined
  stale_timestamp?: number | undefined
}

export interface PlannedDeliveries {
  /** How many copies of the event to send (same `webhook-id`): receivers must dedupe. */
  copies: number
  fault: DeliveryFault | null
}

/**
 * What the tenant's scenario does to deliveries of one event type: the first
 * matching rule wins. Resends are never faulted, so a test can always get a
 * clean delivery on demand.
 */
export function planDeliveries(tenant: Tenant, type: string): PlannedDeliveries {
  const rules = (tenant.scenario?.webhook_faults ?? []) as WebhookFaultRule[]
  const rule = rules.find((r) => typeMatches(r.match.type, type))
  if (!rule) return { copies: 1, fault: null }
  const fault: DeliveryFault = {
    ...(rule.drop ? { drop: true as const } : {}),
    ...(rule.bad_signature ? { bad_signature: true as const } : {}),
    ...(rule.stale_timestamp !== undefined ? { stale_timestamp_ms: rule.stale_timestamp } : {}),
    ...(rule.delay !== undefined ? { delay_ms: rule.delay } : {}),
  }
  return { copies: rule.drop ? 1 : (rule.duplicate ?? 1), fault }
}
