import type { Placeholders } from './placeholders.js'

/** One exchange as the recorder sees it: JSON parsed, route named. Request bodies stay in memory only. */
export interface Observed {
  method: string
  path: string
  /** The emulator's name for the route (`POST /v2/connections/{id}/interaction`), when it declares it. */
  route?: string
  params: Record<string, string>
  request: unknown
  status: number
  response: unknown
}

export type ScenarioStep = Record<string, unknown>

export interface SourceDraft {
  id: string
  name?: string
  url?: string
  accounts: AccountDraft[]
}

export interface AccountDraft {
  username: string
  password: string
  login: unknown[]
}

export interface AgentDraft {
  id: string
  name: string
  description?: string | null
}
export interface TaskDraft {
  id: string
  agent_id: string
  name: string
  description?: string | null
  prompt?: string | null
  status?: string
  input_schema?: unknown
  output_schema?: unknown
  run?: unknown[]
  overrides?: { username: string; run: unknown[] }[]
}

/** The scenario being built, shared by the resource recorders. */
export interface World {
  sources: Map<string, SourceDraft>
  agents: Map<string, AgentDraft>
  tasks: Map<string, TaskDraft>
  steps: ScenarioStep[]
  placeholders: Placeholders
  /** Notes for the file's header (what could not be recorded faithfully). */
  notes: string[]
  /** A fresh alias (`alice`, `alice_2`, `run_1`). */
  alias(base: string): string
  /** Recorders publish what others need: connection id → alias and username. */
  connections: Map<string, { alias: string; username: string | null; sourceId: string }>
  source(id: string): SourceDraft
}

/**
 * One kind of recorded resource (sources, connections, task runs, the clock):
 * each sees every exchange in order and adds its part to the world. Add one:
 * a module in this folder, plus one line in recorder.ts.
 */
export interface ResourceRecorder {
  observe(ex: Observed, world: World): void
  /** Called once before the scenario is written (finish open work, fold scripts). */
  finish?(world: World): void
}

/** The Deck objects (`{object: 'connection', …}`) in a response: the body itself or a list page's items. */
export function objectsIn(body: unknown, type: string): Record<string, any>[] {
  if (!body || typeof body !== 'object') return []
  const b = body as Record<string, any>
  if (b.object === type) return [b]
  if (Array.isArray(b.data)) return b.data.filter((o: unknown) => !!o && typeof o === 'object' && (o as Record<string, unknown>).object === type)
  return []
}

export const ok = (ex: Observed) => ex.status >= 200 && ex.status < 300
