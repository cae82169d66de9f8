import * as z from 'zod'
import type { LoginStep } from '../domain/login-script.js'
import { checkTaskTimeouts, checkTaskWorld, taskSchemas } from './task-schema.js'
import { Duration } from './durations.js'
import { delaySpec } from './chaos-schema.js'
import { checkNetworkFault, networkFaultFields } from './network-fault-schema.js'
import { API_SETTINGS } from '../domain/generation.js'
import { interactionStepBodies } from './interaction-step-schema.js'
import { parseNamedStep } from './named-step.js'
import { loginWithSchema } from './login-with-schema.js'
import { webhookSchemas } from './webhooks-schema.js'

export { Duration }

/**
 * The scenario schemas, built on first use (a scenario to load, a magic login, a fault or a scenario sent to
 * the control plane, the OpenAPI document) rather than at import: constructing these few hundred zod schemas
 * cost ~10 ms of every start, also one with no scenario at all. Built once; the exports below wrap them in
 * `z.lazy`, which parses (and describes) exactly as the schema it wraps.
 */
function build() {
  const webhook = webhookSchemas()
  const task = taskSchemas()
  const message = z.string().min(1)

  const STEP_BODIES = {
    connected: z.null(),
    invalid: z.strictObject({ message: message.optional() }).nullable(),
    blocked: z.strictObject({ message: message.optional() }).nullable(),
    timeout: z.strictObject({ message: message.optional() }).nullable(),
    delay: Duration,
    ...interactionStepBodies('Choose the account to connect'),
  } as const

  /**
   * A login step is written `connected` or `{ mfa: {...} }` / `{ delay: 5s }`.
   * Unknown names get their own message: a typo is the commonest mistake.
   */
  const LoginStepSchema = z.unknown().transform((raw, ctx): LoginStep => {
    const step = parseNamedStep(raw, STEP_BODIES, ctx, 'step')
    if (!step) return z.NEVER
    const { name, value } = step
    if (name === 'delay') return { kind: 'delay', ms: value as number }
    if (name === 'connected') return { kind: 'connected' }
    if (value === null) return { kind: name } as LoginStep
    if (name === 'account_selection') {
      const v = value as { pick?: string; accounts: { id: string }[] }
      if (v.pick !== undefined && !v.accounts.some((a) => a.id === v.pick)) {
        ctx.addIssue({ code: 'custom', message: `pick "${v.pick}" is not one of the listed accounts`, path: [name, 'pick'] })
        return z.NEVER
      }
    }
    return { kind: name, ...(value as object) } as LoginStep
  })

  const Steps = z.array(LoginStepSchema).min(1)

  const SessionSchema = z.strictObject({
    drop_after: Duration.optional(),
    expire_credentials_after: Duration.optional(),
    invalidate_after: Duration.optional(),
  })

  const AccountSchema = z.strictObject({
    username: z.coerce.string().min(1),
    password: z.coerce.string().optional(),
    login: Steps.default([{ kind: 'connected' }]),
    session: SessionSchema.default({}),
  })

  const SourceSchema = z.looseObject({
    id: z.string().regex(/^src_[A-Za-z0-9_]+$/, 'expected an id starting with src_ (letters, digits, _)'),
    name: z.string().min(1).optional(),
    url: z.url().optional(),
    login_delay: Duration.optional(),
    idle_timeout: Duration.optional(),
    interaction_timeout: Duration.optional(),
    accounts: z.array(AccountSchema).default([]),
    otherwise: z.union([z.literal('magic'), Steps]).default('magic'),
    /** Real browser login (README "Real browser login"). */
    login_with: loginWithSchema().optional(),
    page_delay: Duration.optional(),
    lockout_after: z.number().int().min(1).max(100).optional(),
  })

  const ClockStart = z.iso.datetime({ offset: true })

  const HTTP_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const

  /**
   * An API fault: requests matching `match` get `respond` (a Deck error
   * envelope) and/or wait `delay` (real time) first. `times` limits how many
   * matching requests it applies to. `*` matches within one path segment, `**`
   * across segments.
   */
  const FaultSchema = z
    .strictObject({
      match: z
        .strictObject({
          method: z
            .string()
            .transform((m) => m.toUpperCase())
            .pipe(z.enum(HTTP_METHODS))
            .optional(),
          path: z.string().regex(/^\//, 'expected a path starting with /, e.g. /v2/connections/*').default('/v2/**'),
        })
        .default({ path: '/v2/**' }),
      respond: z
        .strictObject({
          status: z.number().int().min(400).max(599),
          type: z.string().min(1).optional(),
          code: z.string().min(1).optional(),
          message: z.string().min(1).optional(),
          retry_after: Duration.optional(),
        })
        .optional(),
      // Real time: capped like `wait`'s timeout, so a typo cannot hang a test suite (or overflow a timer).
      // A fixed delay or a distribution (scenario/chaos-schema.ts).
      delay: delaySpec(60_000, 'a fault delay is real time: at most 60s').optional(),
      times: z.number().int().min(1).optional(),
      ...networkFaultFields(),
    })
    .superRefine(checkNetworkFault)

  const ScenarioSchema = z
    .strictObject({
      name: z.string().min(1),
      description: z.string().optional(),
      seed: z.union([z.number(), z.string()]).optional(),
      clock: z.enum(['manual', 'system']).optional(),
      /** Which API generation(s) the tenant serves (deck-api-credentials.md §0); absent: the emulator's `api` option, else both. */
      api: z.enum(API_SETTINGS).optional(),
      /** Where a manual clock starts (default: the real time at load). */
      start: ClockStart.optional(),
      sources: z.array(SourceSchema).default([]),
      destinations: z.array(webhook.DestinationSchema).default([]),
      faults: z.array(FaultSchema).default([]),
      webhook_faults: z.array(webhook.WebhookFaultSchema).default([]),
      webhook_retries: webhook.WebhookRetriesSchema.optional(),
      rate_limit: z.strictObject({ requests: z.number().int().min(1), per: Duration }).optional(),
      /** The plan's caps: `max_task_timeout` (default 30m) bounds a task's settings.timeout_seconds. */
      plan: z.strictObject({ max_task_timeout: Duration.optional() }).optional(),
      /** Credentials generation: live sessions per tenant (default unlimited) → 429 session_limit_exceeded. */
      limits: z.strictObject({ sessions: z.number().int().min(1).optional() }).optional(),
      agents: z.array(task.ScenarioAgentSchema).default([]),
      tasks: z.array(task.ScenarioTaskSchema).default([]),
      steps: z.array(z.record(z.string(), z.unknown())).default([]),
    })
    .superRefine((doc, ctx) => {
      const seen = new Set<string>()
      doc.sources.forEach((s, i) => {
        if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate source id "${s.id}"`, path: ['sources', i, 'id'] })
        seen.add(s.id)
      })
      checkTaskWorld(doc, ctx)
      checkTaskTimeouts(doc, ctx)
      const destinationIds = new Set<string>()
      doc.destinations.forEach((d, i) => {
        if (d.id && destinationIds.has(d.id)) ctx.addIssue({ code: 'custom', message: `duplicate destination id "${d.id}"`, path: ['destinations', i, 'id'] })
        if (d.id) destinationIds.add(d.id)
      })
    })
  return { LoginStepSchema, SessionSchema, SourceSchema, FaultSchema, ScenarioSchema }
}

let built: ReturnType<typeof build> | undefined
const schemas = () => (built ??= build())

/** One login step (see `LoginStepSchema` in build()): what fixtures/magic-credentials.json is written in too. */
export const LoginStepSchema = z.lazy(() => schemas().LoginStepSchema)
export const SessionSchema = z.lazy(() => schemas().SessionSchema)
export const SourceSchema = z.lazy(() => schemas().SourceSchema)
/** An API fault (see `FaultSchema` in build()): a scenario's `faults:` and POST /_emulator/faults. */
export const FaultSchema = z.lazy(() => schemas().FaultSchema)
export type FaultDef = z.output<typeof FaultSchema>
/** A scenario document (YAML or JSON), durations in milliseconds once parsed. */
export const ScenarioSchema = z.lazy(() => schemas().ScenarioSchema)
