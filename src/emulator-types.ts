// The public shapes of createEmulator(): options and the returned Emulator.
import type { Hono } from 'hono'
import type { ChromiumSource } from './browser/chromium.js'
import type { Clock, ClockMode } from './domain/clock.js'
import type { ApiSetting } from './domain/generation.js'
import type { AppEnv } from './http/env.js'
import type { Logger } from './log/logger.js'
import type { ScenarioDoc } from './scenario/types.js'
import type { ReloadResult } from './control/scenario-reload.js'
import type { Tenants } from './tenant/tenants.js'
import type { WaitConditions } from './control/wait-conditions.js'
import type { Store } from './store/store.js'
import type { ClockControl, ClockView } from './control/clock.js'

// Declared with the clock moves they describe (control/clock.ts); re-exported as part of the public shapes.
export type { ClockControl, ClockView }

export interface EmulatorOptions {
  /** Scenario file/dir path(s), YAML text, or a scenario object. Loaded into every tenant. */
  scenario?: string | string[] | Record<string, unknown>
  /** Seed for IDs and fake data. @default 0 */
  seed?: number | string
  /**
   * Which API generation(s) tenants serve: `both`, `connections` or `credentials`
   * (deck-api-credentials.md §0; a scenario's `api:` wins, like its `clock:`). @default 'both'
   */
  api?: ApiSetting
  /** Clock mode of new tenants (a scenario's `clock:` wins). @default 'system' */
  clock?: ClockMode
  /** Where a manual clock starts (ISO string). @default '2026-01-01T00:00:00.000Z' */
  clockStart?: string
  /** `{ type: 'file', path }` to persist; memory by default for the library. */
  storage?: { type: 'memory' } | { type: 'file'; path: string /** Compact the WAL into the snapshot past this size. @default 64 MiB */; compactBytes?: number }
  /** Accept only these API keys (default: any well-formed sk_test_/sk_live_ key). */
  keys?: string[]
  /** Deck's 200 requests / 10 s per tenant; off by default. */
  rateLimit?: boolean | { requests: number; per: string | number }
  /** Request body limit in bytes. @default 1 MiB */
  bodyLimit?: number
  /** Where log lines go (pretty lines; see `logger` for JSON or quiet). @default nowhere */
  log?: (line: string) => void
  /** Structured logger (src/log): one line per transition and per webhook attempt. Built from `log` when absent. */
  logger?: Logger
  /** The real time source (tests inject one). */
  realClock?: Clock
  /**
   * Sends a webhook request instead of `fetch` (the msw adapter's `onWebhook`).
   * Hook point for the webhook dispatcher: it should call this when set.
   */
  sendWebhook?: (request: Request) => Promise<Response | void> | Response | void
  /**
   * Chromium for `login_with: browser` (default: $DECK_EMULATOR_CHROMIUM, a
   * system Chromium, then the one @sparticuz/chromium ships).
   */
  chromium?: string
  webhooks?: {
    /** Webhook URLs added as destinations (all events) to every tenant of the default scenario (CLI `--webhook`). */
    destinations?: string[]
    /** Delays before the 2nd, 3rd, … attempt on the tenant's clock. @default ['10s', '60s', '5m'] */
    retrySchedule?: (string | number)[]
    /** How long a receiver has to answer (real time). @default '5s' */
    timeout?: string | number
    /** Sends each webhook POST instead of the global fetch (e.g. to hand them to a callback in-process). */
    fetch?: typeof fetch
  }
}

export interface Emulator {
  /** Handles a request in-process. Paths or any origin are accepted: `emu.fetch('/v2/sources')`. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>
  listen(port?: number, host?: string): Promise<{ url: string; port: number; close(): Promise<void> }>
  /** Resets one tenant (default: all) to its loaded scenario. */
  reset(key?: string): Promise<void>
  clock: ClockControl
  close(): Promise<void>
  readonly defaultKey: string
  /** The scenario new tenants start from (the latest good version when hot reloading). */
  readonly scenario: ScenarioDoc | null
  /** Reads the scenario files again and applies them in place; a broken edit changes nothing. */
  reloadScenario(): Promise<ReloadResult>
  /** The scenario files given as paths (what `--watch` watches); empty for text or object scenarios. */
  readonly scenarioPaths: string[]
  /** Transition and webhook-attempt lines; the webhook sender calls `logger.webhookAttempt()` per attempt. */
  readonly logger: Logger
  /** Tells open dashboards of the tenant to refresh (for changes made outside a request, e.g. a delivery attempt). */
  notifyChange(key: string): void
  readonly store: Store
  /** Internal: the tenant registry (for adapters and tests). */
  readonly tenants: Tenants
  /** Internal: the Hono app (route listing in tests). */
  readonly app: Hono<AppEnv>
  /** Conditions `GET /_emulator/wait` knows, by query parameter; add one to extend it. */
  readonly waitConditions: WaitConditions
  readonly sendWebhook: EmulatorOptions['sendWebhook']
  /** Browser logins: where the Chromium came from once started, and a wait for page work in flight. */
  readonly browser: {
    readonly source: ChromiumSource | undefined
    readonly executable: string | undefined
    /** Connections with a browser context open (closed when they leave connected/interaction_required). */
    readonly open: number
    idle(): Promise<void>
  }
  /** Resolves when no webhook POST is in flight and every finished attempt is recorded (for tests: no sleeps). */
  webhooksIdle(): Promise<void>
  /** Destinations every tenant starts with (scenario and `webhooks.destinations`), with their secrets. */
  readonly destinations: { url: string; events: string[]; secret: string }[]
}
