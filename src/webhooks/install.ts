import { expireSecrets, SECRET_EXPIRY_TIMER } from './signing-secrets.js'
import type { Clock } from '../domain/clock.js'
import { requireDuration } from '../domain/duration.js'
import { DEFAULT_RETRY_SCHEDULE, DEFAULT_TIMEOUT_MS } from '../domain/webhook-policy.js'
import { retentionCutoff } from '../tenant/public-events.js'
import type { Tenant, TenantHooks } from '../tenant/tenant.js'
import type { DeliveryRecord } from '../domain/webhooks.js'
import { prepareAttempt, type OutgoingWebhook } from './attempt.js'
import { Dispatcher } from './dispatcher.js'
import { ATTEMPT_TIMER, enqueueEvent, recordAttempt, type AttemptResult } from './outbox.js'
import { deliveriesIn, deliveriesOf } from './state.js'
import { slot } from '../tenant/slot.js'

export interface WebhookConfig {
  /** Delays before the 2nd, 3rd, … attempt (tenant clock). A scenario's `webhook_retries` wins. */
  retrySchedule?: readonly number[]
  /** How long a receiver has to answer (real time). @default 5000 */
  timeoutMs?: number
  /** What sends the POST (default: global fetch). */
  fetch?: typeof fetch
}

/** The library's `webhooks` option (durations as `5s` or ms) → WebhookConfig. Bad durations throw. */
export function resolveWebhookConfig(options: { retrySchedule?: (string | number)[]; timeout?: string | number; fetch?: typeof fetch } = {}): WebhookConfig {
  return {
    ...(options.retrySchedule ? { retrySchedule: options.retrySchedule.map((v) => requireDuration(v, 'webhooks.retrySchedule')) } : {}),
    ...(options.timeout !== undefined ? { timeoutMs: requireDuration(options.timeout, 'webhooks.timeout') } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  }
}

export interface WebhookDeps {
  /** Told of every finished attempt once recorded (readable logs, live dashboard). */
  onAttempt?: (tenant: Tenant, request: OutgoingWebhook, result: AttemptResult, delivery: DeliveryRecord) => void
  hooks: TenantHooks
  /** Real time: the basis of `webhook-timestamp`. */
  real: Clock
  /** False once a tenant was reset or replaced: results of its old sends are dropped. */
  isCurrent(tenant: Tenant): boolean
  /** Runs what fell due, commits, re-arms (the emulator's settle). */
  settle(tenant: Tenant): Promise<void>
  log(line: string): void
  config?: WebhookConfig
}

/**
 * Wires delivery into the tenant hooks: every event goes to the outbox, and
 * the attempt timer starts a POST without waiting for it. When the POST
 * completes, its result is recorded and committed (settle), which also arms
 * the retry.
 */
export function installWebhooks(deps: WebhookDeps) {
  const dispatcher = new Dispatcher(deps.config?.timeoutMs ?? DEFAULT_TIMEOUT_MS, deps.config?.fetch)
  const defaultSchedule = deps.config?.retrySchedule ?? DEFAULT_RETRY_SCHEDULE
  const scheduleOf = (tenant: Tenant) => tenant.scenario?.webhook_retries ?? defaultSchedule

  // Expired events are already gone: recording this one ran the retention (tenant/event-log.ts appendEvent).
  deps.hooks.onEvent.push((tenant, event) => {
    expireDeliveries(tenant)
    enqueueEvent(tenant, event)
  })
  deps.hooks.timers[SECRET_EXPIRY_TIMER] = (tenant, timer) => expireSecrets(tenant, timer.ref)
  deps.hooks.timers[ATTEMPT_TIMER] = (tenant, timer) => {
    const request = prepareAttempt(tenant, timer.ref, deps.real.now(), timer.at)
    if (!request) return
    dispatcher.send(request, async (result) => {
      if (!deps.isCurrent(tenant)) return
      recordAttempt(tenant, request, result, scheduleOf(tenant))
      const delivery = deliveriesIn(tenant)[request.deliveryId]
      if (delivery) deps.onAttempt?.(tenant, request, result, delivery)
      if (result.error) deps.log(`webhook ${request.headers['webhook-id']} → ${request.url}: ${result.error}`)
      try {
        await deps.settle(tenant)
      } catch (error) {
        deps.log(`recording a webhook attempt failed: ${(error as Error).message}`)
      }
    })
  }

  return {
    /** Resolves when no webhook POST is in flight and every finished one is recorded and committed. */
    idle: () => dispatcher.idle(),
    close: () => dispatcher.close(),
  }
}

const SWEEP_EVERY_MS = 60 * 60 * 1000
/** Tenant time of the last delivery sweep (none yet: undefined). */
const sweptAt = slot<number | undefined>('deliveries swept at', () => undefined)

/** Finished deliveries go with their events after 30 days. A full scan, so at most once an hour of tenant time. */
function expireDeliveries(tenant: Tenant): void {
  const last = sweptAt.peek(tenant)
  if (last !== undefined && tenant.now() - last < SWEEP_EVERY_MS) return
  sweptAt.set(tenant, tenant.now())
  const cutoff = retentionCutoff(tenant)
  for (const d of Object.values(deliveriesIn(tenant))) if (d.status !== 'pending' && d.created_at < cutoff) delete deliveriesOf(tenant)[d.id]
}
