import { http, HttpResponse, type HttpHandler } from 'msw'
import { isNetworkError } from './in-process-chaos.js'
import { createDeckClient, type DeckClient } from '../client/index.js'
import type { ClockMode } from '../domain/clock.js'
import { findMswCopies, mswCopyProblem } from './msw-copies.js'
import { createEmulator, DEFAULT_API_KEY, DEFAULT_BASE_URL, type Emulator, type EmulatorOptions } from '../emulator.js'

export interface DeckHandlersOptions {
  /** Scenario file/dir path(s), YAML text or a scenario object, loaded into every tenant. */
  scenario?: EmulatorOptions['scenario']
  seed?: number | string
  /** Clock of new tenants. @default 'manual' (time moves only with `advance`; a scenario's `clock:` wins) */
  clock?: ClockMode
  /** Which API generation(s) the tenants serve (`both`, `connections`, `credentials`; a scenario's `api:` wins). @default 'both' */
  api?: EmulatorOptions['api']
  /** The origin to intercept. @default 'https://api.deck.co' */
  baseUrl?: string
  /** Key the control helpers act on. @default 'sk_test_emulator' */
  apiKey?: string
  /** Receives webhook requests instead of the network (once webhook delivery is built in). */
  onWebhook?: (request: Request) => Promise<Response | void> | Response | void
  /**
   * Refuse to start when the msw this adapter imports is another copy than the one the current
   * directory resolves (handlers would match nothing). @default true
   */
  checkMswCopies?: boolean
  /** Anything else `createEmulator()` accepts. */
  emulator?: Omit<EmulatorOptions, 'scenario' | 'seed' | 'clock' | 'sendWebhook' | 'api'>
}

export interface DeckHandlers extends Array<HttpHandler> {
  /** The in-process emulator behind the handlers (created on first use). */
  emulator(): Promise<Emulator>
  /** A typed client bound to the emulator, for a key (default: the helpers' key). Never goes through msw. */
  client(apiKey?: string): DeckClient
  /** Reset one tenant (default: the helpers' key) or all of them with `reset('*')`. */
  reset(apiKey?: string): Promise<void>
  /** Moves the tenant's clock; `{mode, now}`, like `POST /_emulator/clock/advance` and the client. */
  advance(by: string | number, apiKey?: string): Promise<{ mode: ClockMode; now: string }>
  waitFor: DeckClient['emulator']['waitFor']
  expectedAnswer: DeckClient['emulator']['expectedAnswer']
  close(): Promise<void>
}

/**
 * msw handlers that answer `https://api.deck.co/v2/*` (and `/_emulator/*`, and the signed file URLs under `/_files/*`)
 * with an in-process emulator: the very same `fetch` the server uses, so
 * there is one implementation. Synchronous, as `setupServer(...)` needs;
 * the emulator is created on the first intercepted request.
 *
 * @example
 * const deck = deckHandlers({ scenario: 'scenarios/forced-mfa.yaml' })
 * const server = setupServer(...deck)
 */
export function deckHandlers(options: DeckHandlersOptions = {}): DeckHandlers {
  // import.meta.resolve is the ESM resolution of the `msw` this module imports (absent under some test runners).
  const copies =
    options.checkMswCopies !== false && typeof import.meta.resolve === 'function'
      ? findMswCopies(() => import.meta.resolve('msw'))
      : { own: undefined, project: undefined }
  const problem = mswCopyProblem(copies.own, copies.project)
  if (problem) throw new Error(problem)
  const origin = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
  const helperKey = options.apiKey ?? DEFAULT_API_KEY
  let instance: Promise<Emulator> | undefined
  const emulator = () =>
    (instance ??= createEmulator({
      ...options.emulator,
      clock: options.clock ?? 'manual',
      ...(options.scenario !== undefined ? { scenario: options.scenario } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.api !== undefined ? { api: options.api } : {}),
      ...(options.onWebhook ? { sendWebhook: options.onWebhook } : {}),
    }))
  // Never the global fetch: msw has patched it, and the emulator answers in-process anyway.
  const inProcess = async (input: Request | string | URL, init?: RequestInit) => (await emulator()).fetch(input, init)
  const client = (apiKey = helperKey) => createDeckClient({ baseUrl: origin, apiKey, fetch: inProcess })

  // A connection fault (reset, empty) becomes msw's network error: the caller's fetch rejects with
  // a TypeError, as msw allows no finer socket behaviour (README "Chaos faults").
  const answer = async ({ request }: { request: Request }) => {
    try {
      return await (await emulator()).fetch(request)
    } catch (error) {
      if (isNetworkError(error)) return HttpResponse.error()
      throw error
    }
  }
  const handlers: HttpHandler[] = [http.all(`${origin}/v2/*`, answer), http.all(`${origin}/_emulator/*`, answer), http.all(`${origin}/_files/*`, answer)]

  return Object.assign(handlers, {
    emulator,
    client,
    reset: async (apiKey = helperKey) => (await emulator()).reset(apiKey === '*' ? undefined : apiKey),
    advance: async (by: string | number, apiKey = helperKey) => await client(apiKey).emulator.advance(by),
    waitFor: (params: Parameters<DeckClient['emulator']['waitFor']>[0]) => client().emulator.waitFor(params),
    expectedAnswer: (id: string) => client().emulator.expectedAnswer(id),
    close: async () => {
      if (instance) await (await instance).close()
      instance = undefined
    },
  })
}
