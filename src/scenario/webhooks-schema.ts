import * as z from 'zod'
import { Duration } from './durations.js'
import { DeckError } from '../domain/errors.js'
import { isEventType } from '../domain/event-types.js'
import { checkCustomHeaders, checkEvents, checkSecret } from '../domain/webhook-policy.js'
import { WEBHOOK_JITTER_CAP_MS } from '../domain/webhooks.js'
import { delayDistribution, probability } from './chaos-schema.js'

/**
 * The scenario's `destinations` and `webhook_faults`. Destinations are
 * checked by the same rules as the API (events, secret, custom headers), so a
 * scenario cannot hold a destination the API would refuse.
 */

/** Runs one of the API's own checks (events, secret, headers) and reports its message at `path`. */
function apiCheck(ctx: z.RefinementCtx, path: PropertyKey[], check: () => unknown): void {
  try {
    check()
  } catch (error) {
    if (!(error instanceof DeckError)) throw error
    const field = error.details[0]?.field
    const index = field?.match(/\.(\d+)$/)?.[1]
    ctx.addIssue({ code: 'custom', message: error.message, path: index === undefined ? path : [...path, Number(index)] })
  }
}

function build() {
  const DestinationSchema = z
    .strictObject({
      id: z
        .string()
        .regex(/^evtd_[A-Za-z0-9_]+$/, 'expected an id starting with evtd_ (letters, digits, _)')
        .optional(),
      name: z.string().min(1).optional(),
      url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
      /** Generated from the seed when absent (the same in every tenant, so the CLI can print it). */
      secret: z.string().optional(),
      events: z.array(z.string()).default(['*']),
      custom_headers: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
    })
    .superRefine((d, ctx) => {
      apiCheck(ctx, ['events'], () => checkEvents(d.events))
      if (d.secret !== undefined) apiCheck(ctx, ['secret'], () => checkSecret(d.secret!))
      if (d.custom_headers !== undefined) apiCheck(ctx, ['custom_headers'], () => checkCustomHeaders(d.custom_headers))
    })

  const FaultType = z
    .string()
    .min(1)
    .superRefine((t, ctx) => {
      if (t === '*' || isEventType(t) || /^[a-z_]+\.\*$/.test(t)) return
      ctx.addIssue({ code: 'custom', message: `unknown event type "${t}" (an exact type, a prefix like connection.*, or *)` })
    })

  const WebhookFaultSchema = z
    .strictObject({
      match: z.strictObject({ type: FaultType }),
      duplicate: z.number().int().min(2, 'duplicate is how many times the event is sent in all (2 or more)').max(100).optional(),
      // Tenant clock. A distribution (jitter) is sampled once per event and destination, so a burst stays a burst.
      delay: z
        .union([Duration, delayDistribution(WEBHOOK_JITTER_CAP_MS, 'a webhook delay distribution: at most 1d')], {
          error: 'expected a duration like 30s, {uniform: [1s, 30s]} or {lognormal: {median: 5s, sigma: 0.5}}',
        })
        .optional(),
      drop: z.literal(true).optional(),
      probability: probability().optional(),
      bad_signature: z.literal(true).optional(),
      stale_timestamp: Duration.optional(),
    })
    .superRefine((f, ctx) => {
      const effects = (['duplicate', 'delay', 'drop', 'bad_signature', 'stale_timestamp'] as const).filter((k) => f[k] !== undefined)
      if (effects.length === 0)
        ctx.addIssue({ code: 'custom', message: 'expected one of duplicate: N, delay: 30s, drop: true, bad_signature: true, stale_timestamp: 10m' })
      if (f.drop && effects.length > 1)
        ctx.addIssue({ code: 'custom', message: `drop cannot be combined with ${effects.filter((e) => e !== 'drop').join(', ')}`, path: ['drop'] })
    })

  /** Delays between webhook attempts (default 10s, 60s, 5m): up to 10 retries. */
  const WebhookRetriesSchema = z.array(Duration).max(10)
  return { DestinationSchema, WebhookFaultSchema, WebhookRetriesSchema }
}

let built: ReturnType<typeof build> | undefined
/** Built on the scenario schema's first use (scenario/schema.ts), once. */
export const webhookSchemas = (): ReturnType<typeof build> => (built ??= build())
