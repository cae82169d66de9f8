import { DeckError } from './errors.js'

/**
 * The two generations of Deck's API v2 (deck-api-credentials.md §0): the
 * connections generation (deck-api.md) and the credentials generation
 * (credentials, sessions, runs on credentials). A tenant serves both by
 * default, or is pinned to one, as the real API is today.
 */
export const GENERATIONS = ['connections', 'credentials'] as const
export type Generation = (typeof GENERATIONS)[number]

/** What a tenant serves: the scenario's `api:`, the CLI's `--api`, the library's and msw's `api` option. */
export const API_SETTINGS = ['both', 'connections', 'credentials'] as const
export type ApiSetting = (typeof API_SETTINGS)[number]

/** Which generation a route or an event type belongs to; `shared` ones are served in both. */
export type GenerationTag = Generation | 'shared'

export const isApiSetting = (value: unknown): value is ApiSetting => typeof value === 'string' && (API_SETTINGS as readonly string[]).includes(value)

/** Whether a tenant with this setting serves what carries this tag. */
export const serves = (setting: ApiSetting, tag: GenerationTag): boolean => tag === 'shared' || setting === 'both' || setting === tag

/** The generations a setting serves, in a fixed order. */
export const servedGenerations = (setting: ApiSetting): Generation[] => (setting === 'both' ? [...GENERATIONS] : [setting])

/**
 * Paths of the credentials generation, known before (or without) their
 * routes: a connections-pinned tenant gets the generation-naming 404 for them
 * rather than a plain "no route". Once a route with a generation tag matches
 * a path, the tag decides instead (http/route-table.ts).
 */
export const CREDENTIALS_PATH_PREFIXES = ['/v2/credentials', '/v2/sessions'] as const
export const CONNECTIONS_PATH_PREFIXES = ['/v2/connections'] as const

const underPrefix = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`)

/** The generation a path belongs to by its prefix alone (undefined: not one generation's own prefix). */
export function generationOfPath(path: string): Generation | undefined {
  if (CREDENTIALS_PATH_PREFIXES.some((p) => underPrefix(path, p))) return 'credentials'
  if (CONNECTIONS_PATH_PREFIXES.some((p) => underPrefix(path, p))) return 'connections'
  return undefined
}

/**
 * Event types by generation (contract §5 of both pages). `connection.*` and the
 * run status `pending` are the connections generation's; credentials,
 * sessions and the run statuses `canceling` and `review_required` are the
 * credentials generation's. `task.reset` and `storage.*` are shared (run
 * artifacts exist in both generations), like sources, agents, tasks and the
 * other run statuses.
 */
export function eventTypeGeneration(type: string): GenerationTag {
  if (type.startsWith('connection.') || type === 'task_run.pending') return 'connections'
  if (/^(credential|session)\./.test(type) || type === 'task_run.canceling' || type === 'task_run.review_required') return 'credentials'
  return 'shared'
}

const OTHER: Record<Generation, Generation> = { connections: 'credentials', credentials: 'connections' }

/**
 * 404 `route_not_found` naming what the tenant serves: the answer a pinned
 * tenant gives to the other generation's routes, and to run bodies of the
 * other generation (`what` says which: "POST /v2/credentials", "a run body with `connection_id`").
 */
export function generationNotServed(setting: Exclude<ApiSetting, 'both'>, what: string): DeckError {
  const message =
    `this tenant serves the ${setting} generation; ${what} belongs to the ${OTHER[setting]} generation. ` +
    'Load a scenario with `api: both` (or start the emulator with `--api both`) to serve both.'
  return new DeckError(404, [{ type: 'request', code: 'route_not_found', message }])
}
