import type { Connection, ConnectionStatus, DeckEvent, Interaction, Source } from '../domain/types.js'
import { DeckApiError, type DeckErrorDetail } from './error.js'
import { taskClient } from './tasks.js'
import { credentialClient } from './credentials.js'
import type { JournalEntry } from '../control/journal.js'

export { DeckApiError, type DeckErrorDetail }
export type { Connection, ConnectionStatus, DeckEvent, Interaction, Source }

export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>

export interface DeckClientOptions {
  /** Where the API lives, with or without `/v2`. @default 'https://api.deck.co' (what msw intercepts) */
  baseUrl?: string
  /** Any `sk_test_…` key; each key is its own tenant. @default 'sk_test_emulator' */
  apiKey?: string
  /** The fetch to use, e.g. `emulator.fetch` in-process. @default the global fetch, looked up per call */
  fetch?: FetchLike
}

export interface Page<T> {
  data: T[]
  has_more: boolean
  next_cursor: string | null
}

type Query = Record<string, string | number | boolean | undefined | null>

export interface CreateConnectionParams {
  source_id: string
  /** Shorthand for `auth_credentials.username` (auth_method username_password). */
  username?: string
  password?: string
  auth_method?: 'username_password' | 'google_sso' | 'none'
  auth_credentials?: { username?: string; email?: string; password?: string } | null
  external_id?: string | null
}

export type { JournalEntry } from '../control/journal.js'

export interface FaultParams {
  match?: { method?: string; path?: string }
  respond?: { status: number; type?: string; code?: string; message?: string; retry_after?: string | number }
  /** Fixed, or a distribution: `{ uniform: ['50ms', '300ms'] }`, `{ lognormal: { median: '100ms', sigma: 0.5 } }`. */
  delay?: string | number | { uniform: [string | number, string | number] } | { lognormal: { median: string | number; sigma: number; max?: string | number } }
  times?: number
  /** Network-level chaos (README "Chaos faults"). */
  connection?: 'reset' | 'reset_mid' | 'empty'
  body?: 'malformed' | 'trickle'
  trickle?: { duration?: string | number; chunks?: number }
  /** Share of matching requests faulted, from the tenant's seeded chaos stream. */
  probability?: number
}

export type Fault = FaultParams & { id: string; origin: 'scenario' | 'control'; hits: number; remaining: number | null }

const strip = <T>(body: T & { request_id?: string }): T => {
  if (body && typeof body === 'object') delete body.request_id
  return body
}

/**
 * A small typed client for the Deck API and the emulator's control plane,
 * for tests: `const deck = createDeckClient({ baseUrl: 'http://127.0.0.1:4010', apiKey })`.
 * Every non-2xx answer throws a `DeckApiError` carrying the Deck envelope.
 */
export function createDeckClient(options: DeckClientOptions = {}) {
  const base = (options.baseUrl ?? 'https://api.deck.co').replace(/\/+$/, '').replace(/\/v2$/, '')
  const apiKey = options.apiKey ?? 'sk_test_emulator'
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  async function request<T = any>(method: string, path: string, body?: unknown, query: Query = {}, headers: Record<string, string> = {}): Promise<T> {
    const url = new URL(base + path)
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) url.searchParams.set(k, String(v))
    const isText = typeof body === 'string'
    const res = await doFetch(url.toString(), {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body !== undefined ? { 'content-type': isText ? 'application/yaml' : 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: isText ? body : JSON.stringify(body) } : {}),
    })
    const text = await res.text()
    let parsed: any
    try {
      parsed = text ? JSON.parse(text) : {}
    } catch {
      parsed = { errors: [{ type: 'api', code: 'invalid_response', message: `Not JSON: ${text.slice(0, 200)}` }] }
    }
    if (!res.ok) throw new DeckApiError(res.status, Array.isArray(parsed?.errors) ? parsed.errors : [], parsed?.request_id, method, url.pathname)
    return strip(parsed) as T
  }

  const enc = encodeURIComponent

  const sources = {
    create: (params: { url: string; name?: string } | { type: 'website'; website: { url: string }; name?: string }) =>
      request<Source>(
        'POST',
        '/v2/sources',
        'url' in params ? { type: 'website', website: { url: params.url }, ...(params.name ? { name: params.name } : {}) } : params,
      ),
    get: (id: string) => request<Source>('GET', `/v2/sources/${enc(id)}`),
    list: (query: { limit?: number; cursor?: string } = {}) => request<Page<Source>>('GET', '/v2/sources', undefined, query),
    update: (id: string, params: { name?: string; website?: { url: string } }) => request<Source>('PATCH', `/v2/sources/${enc(id)}`, params),
    delete: (id: string) => request<{ id: string; deleted: true }>('DELETE', `/v2/sources/${enc(id)}`),
  }

  const connections = {
    create: ({ username, password, ...params }: CreateConnectionParams, idempotencyKey?: string) =>
      request<Connection>(
        'POST',
        '/v2/connections',
        {
          auth_method: 'username_password',
          ...(username !== undefined || password !== undefined ? { auth_credentials: { username, password } } : {}),
          ...params,
        },
        {},
        idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
      ),
    get: (id: string) => request<Connection>('GET', `/v2/connections/${enc(id)}`),
    list: (query: { limit?: number; cursor?: string; source_id?: string; status?: ConnectionStatus; external_id?: string } = {}) =>
      request<Page<Connection>>('GET', '/v2/connections', undefined, query),
    update: (id: string, params: { external_id: string | null }) => request<Connection>('PATCH', `/v2/connections/${enc(id)}`, params),
    submitInteraction: (id: string, inputs: Record<string, string>) => request<Connection>('POST', `/v2/connections/${enc(id)}/interaction`, { inputs }),
    /** Emulator only: submits the answer the pending interaction expects (the SMS code a test cannot read). */
    answer: async (id: string) => connections.submitInteraction(id, await emulator.expectedAnswer(id)),
    reopen: (id: string) => request<Connection>('POST', `/v2/connections/${enc(id)}/reopen`),
    disconnect: (id: string) => request<Connection>('POST', `/v2/connections/${enc(id)}/disconnect`),
  }

  const emulator = {
    /** Back to the tenant's loaded scenario (or blank). */
    reset: () => request<{ reset: true }>('POST', '/_emulator/reset'),
    /** Loads a scenario (YAML text or an object) into this tenant, replacing the old one. */
    loadScenario: (scenario: string | object) => request<{ loaded: string; sources: string[] }>('PUT', '/_emulator/scenario', scenario),
    clock: () => request<{ mode: 'manual' | 'system'; now: string }>('GET', '/_emulator/clock'),
    /** Moves the tenant's clock (`'10m'`, `'5s'`, or ms); everything due on the way runs. */
    advance: (by: string | number) => request<{ mode: 'manual' | 'system'; now: string }>('POST', '/_emulator/clock/advance', { by }),
    setClock: (mode: 'manual' | 'system', now?: string) =>
      request<{ mode: 'manual' | 'system'; now: string }>('POST', '/_emulator/clock', { mode, ...(now ? { now } : {}) }),
    transition: (id: string, status: ConnectionStatus, interaction?: Interaction) =>
      request<Connection>('POST', `/_emulator/connections/${enc(id)}/transition`, { status, ...(interaction ? { interaction } : {}) }),
    expectedAnswer: async (id: string) =>
      (await request<{ inputs: Record<string, string> }>('GET', `/_emulator/connections/${enc(id)}/expected-answer`)).inputs,
    /** Long-polls until the connection has (one of) the status(es); throws a DeckApiError 408 on timeout. */
    waitFor: (params: { connection: string; status: ConnectionStatus | ConnectionStatus[]; timeout?: string }) =>
      request<Connection>('GET', '/_emulator/wait', undefined, {
        connection: params.connection,
        status: [params.status].flat().join(','),
        timeout: params.timeout,
      }),
    waitForEvent: (type: string, params: { connection?: string; after?: string; timeout?: string } = {}) =>
      request<DeckEvent>('GET', '/_emulator/wait', undefined, { event: type, ...params }),
    /** Any wait condition by its query parameters, e.g. `{ delivery: 'connection.connected' }`. */
    wait: <T = Record<string, unknown>>(query: Query) => request<T>('GET', '/_emulator/wait', undefined, query),
    events: async (query: { connection?: string; type?: string } = {}) =>
      (await request<{ data: DeckEvent[] }>('GET', '/_emulator/events', undefined, query)).data,
    requests: async (query: { method?: string; path?: string; status?: number; limit?: number } = {}) =>
      (await request<{ data: JournalEntry[] }>('GET', '/_emulator/requests', undefined, query)).data,
    faults: {
      add: (fault: FaultParams) => request<Fault>('POST', '/_emulator/faults', fault),
      list: async () => (await request<{ data: Fault[] }>('GET', '/_emulator/faults')).data,
      clear: () => request<{ deleted: number }>('DELETE', '/_emulator/faults'),
      remove: (id: string) => request<{ deleted: number }>('DELETE', `/_emulator/faults/${enc(id)}`),
    },
  }

  /** `GET /v2/test`: checks the key, as every Deck client does first (both generations). */
  const test = () => request<{ status: 'ready'; environment: 'live' }>('GET', '/v2/test')

  return { apiKey, baseUrl: base, request, test, sources, connections, ...taskClient(request), ...credentialClient(request), emulator }
}

export type DeckClient = ReturnType<typeof createDeckClient>
