import type { CONNECTION_STATUSES } from './types.js'
import { CREDENTIALS_EVENT_TYPES } from './credential-event-types.js'

/**
 * Every event type the emulator emits (contract §4–5), with the description
 * `GET /v2/event-types` returns. Destinations may only subscribe to these
 * (or `*`), so a typo in `events` is a 400 rather than a silent no-op.
 */
const CRUD = (object: string, label: string) => ({
  [`${object}.created`]: `A ${label} was created.`,
  [`${object}.updated`]: `A ${label} was updated.`,
  [`${object}.deleted`]: `A ${label} was deleted.`,
})

const CONNECTION: Record<(typeof CONNECTION_STATUSES)[number], string> = {
  connecting: 'A connection is logging in (created, reopened, or an interaction was answered).',
  connected: 'A connection logged in and can run tasks.',
  interaction_required: 'A connection needs an answer (MFA code, security question, account choice).',
  invalid: 'A connection was rejected by the source (wrong or expired credentials, blocked).',
  disconnected: 'A connection lost its session (idle, dropped, timed out, interaction unanswered).',
  terminated: 'A connection was disconnected for good; its credentials were deleted.',
}

const TASK_RUN = {
  queued: 'A task run was created and waits to start.',
  running: 'A task run started.',
  interaction_required: 'A task run needs an answer to continue.',
  pending: 'A task run finished its work and its result is being prepared.',
  completed: 'A task run completed.',
  failed: 'A task run failed.',
  canceled: 'A task run was canceled.',
} as const

export const EVENT_TYPES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(CONNECTION).map(([status, text]) => [`connection.${status}`, text])),
  ...CRUD('source', 'source'),
  ...CRUD('agent', 'agent'),
  ...CRUD('task', 'task'),
  'task.reset': 'A task was reset: its next run re-learns the flow (status `learning`).',
  'storage.created': 'A task run stored a file (a storage item).',
  'storage.deleted': 'A storage item was deleted (retention).',
  ...Object.fromEntries(Object.entries(TASK_RUN).map(([status, text]) => [`task_run.${status}`, text])),
  ...CREDENTIALS_EVENT_TYPES,
}

export const isEventType = (type: string): boolean => Object.hasOwn(EVENT_TYPES, type)

export function eventTypeList(): { type: string; description: string }[] {
  return Object.entries(EVENT_TYPES).map(([type, description]) => ({ type, description }))
}
