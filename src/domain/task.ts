/** Agents and tasks: the public shapes (contract §4) and the statuses a task moves through. */
import type { Iso } from './types.js'

export interface Agent {
  id: string
  object: 'agent'
  name: string
  description: string | null
  created_at: Iso
  updated_at: Iso
}

/** What the API returns for an agent: its tasks are listed with it (research §4.7). */
export interface AgentView extends Agent {
  tasks: { id: string; object: 'task'; name: string; status: TaskStatus }[]
}

export const TASK_STATUSES = ['learning', 'test', 'live'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

/** A JSON Schema document, kept exactly as given. */
export type JsonSchema = Record<string, unknown>

/** `storage` on a task (credentials-era contract §4): which files its runs keep. */
export interface TaskStorage {
  enabled: boolean
  extraction: boolean
  deduplication: boolean
  extraction_schema: JsonSchema | null
}

export interface TaskSettings {
  /** A run still live after this long fails with `task/timeout` (default 1800). */
  timeout_seconds: number
}

export const DEFAULT_TASK_STORAGE: TaskStorage = { enabled: false, extraction: false, deduplication: false, extraction_schema: null }
export const DEFAULT_TIMEOUT_SECONDS = 1800

export interface Task {
  id: string
  object: 'task'
  name: string
  description: string | null
  prompt: string | null
  status: TaskStatus
  agent_id: string
  input_schema: JsonSchema | null
  output_schema: JsonSchema | null
  /** Absent on tasks stored before storage and settings existed: the defaults apply. */
  settings?: TaskSettings
  storage?: TaskStorage
  created_at: Iso
  updated_at: Iso
}
