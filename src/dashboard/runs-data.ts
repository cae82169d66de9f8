import type { DeckEvent, Interaction } from '../domain/types.js'
import { allEvents } from '../tenant/event-log.js'
import type { ApiAnswer, DashboardData } from './data.js'

/**
 * What the task-runs, credentials and sessions pages read, through the same
 * in-process API as the other pages (`DashboardData.call`). The shapes are the
 * contract's (deck-api.md §4 and deck-api-credentials.md §2–3), loose on
 * purpose: one view serves the runs of both generations, and routes the
 * emulator may not serve (the credentials generation's, or any route of a
 * tenant pinned to the other generation) read as "not available" (undefined).
 */
export interface RunRecord {
  id: string
  object: 'task_run'
  status: string
  result: string | null
  task_id: string
  agent_id?: string | null
  source_id?: string | null
  /** Connections generation. */
  connection_id?: string | null
  /** Credentials generation. */
  credential_id?: string | null
  session_id?: string | null
  input?: unknown
  output?: unknown
  errors?: { type: string; code: string; message?: string }[]
  interaction?: Interaction | null
  runtime_ms?: number | null
  canceled_at?: string | null
  created_at: string
  updated_at: string
  [extra: string]: unknown
}

export interface CredentialRecord {
  id: string
  object: 'credential'
  status: string
  source_id: string
  auth_method: string
  auth_credentials?: { username?: string | null; key?: string | null; source_fields?: Record<string, unknown> } | null
  external_id?: string | null
  deleted?: boolean
  created_at: string
  updated_at: string
  [extra: string]: unknown
}

export interface SessionRecord {
  id: string
  object: 'session'
  status: string
  runtime_ms?: number | null
  task_runs?: { id: string; task_id?: string; agent_id?: string | null; credential_id?: string | null }[]
  created_at: string
  updated_at: string
  [extra: string]: unknown
}

/** The run's generation: a run with `connection_id` is the connections generation's, any other the credentials one's (contract §0). */
/** A stored file of a run (deck-api.md storage items), with its signed `url` once read one by one. */
export interface StoredFile {
  id: string
  file_name: string
  file_type: string
  file_size: number
  url?: string
  created_at?: string
  [extra: string]: unknown
}

export interface RunScreenshot {
  file_name: string
  file_type: string
  file_size: number
  url: string
  reasoning: string
  created_at: string
}

/** A run's files and screenshots; undefined where the route is not served. */
export interface RunArtifacts {
  files: StoredFile[] | undefined
  screenshots: RunScreenshot[] | undefined
}

export const runGeneration = (run: Pick<RunRecord, 'connection_id'>): 'connections' | 'credentials' => (run.connection_id ? 'connections' : 'credentials')

const isMissingRoute = (answer: ApiAnswer) => answer.status === 404 && answer.body?.errors?.[0]?.code === 'route_not_found'
const seg = encodeURIComponent

/** Every page of a list (newest first), up to `max` items; undefined when the route is not served. */
async function listAll<T>(data: DashboardData, path: string, max = 200): Promise<T[] | undefined> {
  const out: T[] = []
  let cursor: string | null = null
  do {
    const sep = path.includes('?') ? '&' : '?'
    const answer: ApiAnswer<{ data: T[]; has_more: boolean; next_cursor: string | null }> = await data.call(
      'GET',
      `${path}${sep}limit=100${cursor ? `&cursor=${seg(cursor)}` : ''}`,
    )
    if (isMissingRoute(answer)) return undefined
    if (answer.status !== 200) return out.length ? out : undefined
    out.push(...answer.body.data)
    cursor = answer.body.has_more ? answer.body.next_cursor : null
  } while (cursor && out.length < max)
  return out
}

async function one<T>(data: DashboardData, path: string): Promise<T | undefined> {
  const answer = await data.call<T>('GET', path)
  return answer.status === 200 ? answer.body : undefined
}

/** Events about one object (its `data.id`), oldest first, optionally of one type prefix. */
export function eventsAbout(data: DashboardData, id: string, prefix?: string): DeckEvent[] {
  return allEvents(data.tenant).filter((e) => (e.data as { id?: unknown }).id === id && (!prefix || e.type.startsWith(prefix)))
}

export const runsData = {
  list: (data: DashboardData, filter = '') => listAll<RunRecord>(data, `/v2/task-runs${filter}`),
  get: (data: DashboardData, id: string) => one<RunRecord>(data, `/v2/task-runs/${seg(id)}?include=input`),
  /** The answer the pending interaction expects (`{inputs}` for connections-generation runs, `{input}` for the others). */
  async expected(data: DashboardData, id: string): Promise<Record<string, string> | undefined> {
    const body = await one<{ inputs?: Record<string, string>; input?: Record<string, string> }>(data, `/_emulator/task-runs/${seg(id)}/expected-answer`)
    return body?.inputs ?? body?.input
  },
  timeline: (data: DashboardData, id: string) => eventsAbout(data, id, 'task_run.'),
  /**
   * The run's stored files (each read by id for its signed URL) and its
   * screenshots, read at the dashboard's own origin (`data.at`): signed URLs
   * carry the origin they were asked on, so the links work in the browser.
   */
  async artifacts(data: DashboardData, id: string): Promise<RunArtifacts> {
    const [listed, screenshots] = await Promise.all([
      listAll<StoredFile>(data, data.at(`/v2/task-runs/${seg(id)}/storage`), 100),
      listAll<RunScreenshot>(data, data.at(`/v2/task-runs/${seg(id)}/screenshots`), 200),
    ])
    const files = listed && (await Promise.all(listed.map(async (item) => (await one<StoredFile>(data, data.at(`/v2/storage/${seg(item.id)}`))) ?? item)))
    return { files, screenshots }
  },
}

export const credentialsData = {
  list: (data: DashboardData) => listAll<CredentialRecord>(data, '/v2/credentials'),
  get: (data: DashboardData, id: string) => one<CredentialRecord>(data, `/v2/credentials/${seg(id)}`),
  timeline: (data: DashboardData, id: string) => eventsAbout(data, id, 'credential.'),
  runs: (data: DashboardData, id: string) => listAll<RunRecord>(data, `/v2/task-runs?credential_id=${seg(id)}`),
}

export const sessionsData = {
  /** Deck documents no session list: the sessions the tenant's events name, newest first, read one by one. */
  async list(data: DashboardData): Promise<SessionRecord[] | undefined> {
    const ids = [
      ...new Set(
        allEvents(data.tenant)
          .filter((e) => e.type.startsWith('session.'))
          .map((e) => String((e.data as { id?: unknown }).id)),
      ),
    ].reverse()
    const probe = await data.call('GET', `/v2/sessions/${seg(ids[0] ?? 'sess_probe')}`)
    if (isMissingRoute(probe)) return undefined
    const found = await Promise.all(ids.slice(0, 100).map((id) => one<SessionRecord>(data, `/v2/sessions/${seg(id)}`)))
    return found.filter((s): s is SessionRecord => s !== undefined)
  },
  get: (data: DashboardData, id: string) => one<SessionRecord>(data, `/v2/sessions/${seg(id)}`),
  timeline: (data: DashboardData, id: string) => eventsAbout(data, id, 'session.'),
}
