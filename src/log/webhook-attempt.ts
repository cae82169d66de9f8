import type { DeliveryRecord } from '../domain/webhooks.js'
import type { OutgoingWebhook } from '../webhooks/attempt.js'
import type { AttemptResult } from '../webhooks/outbox.js'
import type { WebhookAttemptLog } from './logger.js'

/** The log record of one finished webhook attempt (already recorded on its delivery): no secret, no body. */
export function webhookAttemptLog(tenant: string, request: OutgoingWebhook, result: AttemptResult, delivery: DeliveryRecord): WebhookAttemptLog {
  return {
    tenant,
    at: new Date(request.at).toISOString(),
    delivery_id: delivery.id,
    event_id: delivery.event_id,
    event_type: delivery.event_type,
    url: request.url,
    attempt: delivery.attempts.length,
    status_code: result.status_code,
    duration_ms: result.duration_ms,
    error: result.error,
    outcome: delivery.status === 'success' ? 'delivered' : delivery.status === 'pending' ? 'retrying' : 'failed',
    next_at: delivery.next_attempt_at === null ? null : new Date(delivery.next_attempt_at).toISOString(),
  }
}
