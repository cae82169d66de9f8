import type { ClockState } from '../domain/clock.js'
import type { SourceScript, LoginStep, SessionScript } from '../domain/login-script.js'
import type { RngState } from '../domain/random.js'
import type { Connection, DeckEvent, Source } from '../domain/types.js'
import type { DeliveryRecord, DestinationRecord } from '../domain/webhooks.js'
import type { ScenarioDoc } from '../scenario/types.js'
import type { RunStep, TaskScript } from '../domain/run-script.js'
import type { Agent, Task, TaskStorage } from '../domain/task.js'
import type { RunArtifacts, StorageRecord } from '../domain/storage-item.js'
import type { TaskRun } from '../domain/task-run.js'
import type { Credential } from '../domain/credential.js'
import type { CredentialRun } from '../domain/credential-run.js'
import type { Session } from '../domain/session.js'
import type { CredentialSecretMeta, SessionState } from './credentials-data.js'

/** A durable timer: plain data, so pending work survives a restart. */
export interface Timer {
  id: string
  at: number
  /** Insertion order, so timers due at the same instant run in the order they were set. */
  seq: number
  kind: string
  /** The object the timer belongs to (cancelled with it). */
  ref: string
  data?: Record<string, unknown>
}

/** Internal login progress of a connection. Never returned by the API. */
export interface LoginState {
  steps: LoginStep[]
  index: number
  attempts: number
  session: SessionScript
  username: string | null
  /** Always null now: the password is in `tenant.secrets` (services/secret-refs.ts); read only from files written before. */
  password: string | null
  credentials_set_at: number
}

/** Internal progress of a task run through its script. Never returned by the API. */
export interface TaskRunState {
  steps: RunStep[]
  index: number
  /** Wrong answers to the current interaction step. */
  attempts: number
  /** Tenant time the run started `running` (runtime_ms counts from here). */
  started_at: number | null
  /** The task's output_schema when the run was made: later task edits or a delete don't change a live run. */
  output_schema: Record<string, unknown> | null
  /** The task's storage settings and timeout when the run was made (src/artifacts, services/task-run-timeout.ts). */
  storage?: TaskStorage
  timeout_seconds?: number
}

export interface IdempotencyRecord {
  /** sha256 of method, path and body: never the body itself. */
  fingerprint: string
  status: number
  /** null: the response is in `tenant.secrets` (secretRefs.idempotentResponse); files written before kept it here. */
  body: unknown
  at: number
}

/**
 * One tenant's stored world. `Tenants.build` creates the core fields and the
 * first-generation collections that are still required below; every optional
 * collection is absent until its module first writes it, through accessors
 * that module owns (`lazyCollection`, src/tenant/collection.ts). A new
 * resource adds its field here as optional and never touches `Tenants.build`.
 */
export interface TenantData {
  key: string
  seed: number | string
  rng: RngState
  clock: ClockState
  /** The scenario the tenant was loaded with; reset returns to it. */
  scenario: ScenarioDoc | null
  scripts: Record<string, SourceScript>
  sources: Record<string, Source>
  connections: Record<string, Connection>
  logins: Record<string, LoginState>
  /** Memory store only (the file store keeps events in an append-only log): read through services/event-log.ts. */
  events: DeckEvent[]
  timers: Record<string, Timer>
  timer_seq: number
  idempotency: Record<string, IdempotencyRecord>
  /** Absent until first used, like every collection below that is optional: read and written through src/tasks/collections.ts. */
  agents?: Record<string, Agent>
  tasks?: Record<string, Task>
  /** Scenario run scripts by task id (API-created tasks have none: the default script). */
  task_scripts?: Record<string, TaskScript>
  task_runs: Record<string, TaskRun>
  task_run_states: Record<string, TaskRunState>
  /** Event destinations and the delivery outbox (src/webhooks/state.ts reads them). */
  destinations?: Record<string, DestinationRecord>
  deliveries?: Record<string, DeliveryRecord>
  /** Run artifacts (src/domain/storage-item.ts): storage items and per-run screenshot notes; absent until first used. */
  storage_items?: Record<string, StorageRecord>
  run_artifacts?: Record<string, RunArtifacts>
  /** Credentials generation (src/services/credential-world.ts ensures them on tenants stored before it existed). */
  credentials?: Record<string, Credential>
  /** When each credential's password was set; read and written only through services/credential-secrets.ts (the password is in the secret store). */
  credential_secrets?: Record<string, CredentialSecretMeta>
  sessions?: Record<string, Session>
  session_states?: Record<string, SessionState>
  credential_runs?: Record<string, CredentialRun>
  credential_run_states?: Record<string, TaskRunState>
  /** File store: events up to this log sequence number belong to an earlier world of the tenant (before a reset). */
  events_after_seq?: number
  /** Retention: events created before this instant (ms) are gone. */
  events_pruned_before?: number
}

export interface DbData {
  version: 1
  tenants: Record<string, TenantData>
}

/** `tenants` has no prototype: a key is never looked up on `Object.prototype`. */
export const emptyDb = (): DbData => ({ version: 1, tenants: Object.create(null) as Record<string, TenantData> })
