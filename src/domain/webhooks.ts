/** Event destinations and deliveries: the public shapes and what is stored beside them. */
import type { Iso } from './types.js'

export const DESTINATION_STATUSES = ['pending_verification', 'active', 'inactive'] as const
export type DestinationStatus = (typeof DESTINATION_STATUSES)[number]

export const DELIVERY_STATUSES = ['pending', 'success', 'failure', 'skipped'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

export interface EventDestination {
  id: string
  object: 'event_destination'
  name: string
  status: DestinationStatus
  type: 'webhook'
  events: string[]
  /** `custom_headers` is a JSON-encoded string, as in Deck's docs (null when none). */
  webhook: { url: string; custom_headers: string | null }
  created_at: Iso
  updated_at: Iso
}

export interface SigningSecret {
  /** The value's name in `tenant.secrets` (webhooks/signing-secrets.ts); absent in files written before. */
  id?: string
  /** Only in memory while signing, or inline in files written before secrets moved out of the record. */
  secret?: string
  /** Tenant-clock ms after which a rotated-out secret stops signing; null for the current one. */
  expires_at: number | null
}

/** Stored form: the public object plus its secrets (never returned except on create/rotate). */
export interface DestinationRecord extends EventDestination {
  secrets: SigningSecret[]
}

export interface DeliveryAttempt {
  /** Tenant-clock time of the attempt. */
  at: Iso
  status_code: number | null
  duration_ms: number
  error: string | null
}

/** What the control plane shows of an attempt: the request as sent (no secrets). */
export interface AttemptLog extends DeliveryAttempt {
  /** Wall-clock time the request left (what `webhook-timestamp` is based on). */
  sent_at: Iso
  url: string
  headers: Record<string, string>
}

export interface EventDelivery {
  id: string
  object: 'event_delivery'
  status: DeliveryStatus
  event_id: string
  event_type: string
  event_destination_id: string
  attempts: DeliveryAttempt[]
  created_at: Iso
  delivered_at: Iso | null
}

/** Webhook delay distributions (tenant clock) never sample more than a day: a tail draw must stay testable. */
export const WEBHOOK_JITTER_CAP_MS = 86_400_000

/** A delivery fault from the scenario's `webhook_faults`, resolved for one delivery. */
export interface DeliveryFault {
  bad_signature?: true
  /** How far (ms) the `webhook-timestamp` is set back. */
  stale_timestamp_ms?: number
  delay_ms?: number
  drop?: true
  /** 1-based copy number when `duplicate` sends an event several times. */
  copy?: number
  /** How many copies the burst has (with `copy`): every copy's first attempt is the same signed message. */
  copies?: number
}

export interface DeliveryRecord extends Omit<EventDelivery, 'attempts'> {
  attempts: AttemptLog[]
  /** Tenant-clock ms of the next attempt while pending (re-armed from this after a restart). */
  next_attempt_at: number | null
  fault: DeliveryFault | null
  /** Created by `POST /v2/events/{id}/resend`. */
  resend: boolean
  /** Why a delivery was skipped (control plane only). */
  skipped_reason?: string
}
