/**
 * Event types the credentials generation adds (deck-api-credentials.md §5).
 * Listed here so `GET /v2/event-types` and destination filters know them
 * whichever module emits them; domain/generation.ts says which generation each belongs to.
 */
export const CREDENTIALS_EVENT_TYPES: Readonly<Record<string, string>> = {
  'credential.created': 'A credential was created (unverified: no login happens yet).',
  'credential.unverified': 'A credential got new auth_credentials and must log in again.',
  'credential.verified': 'A credential logged in for the first time inside a task run.',
  'credential.invalid': 'A credential was rejected by the source (wrong or expired password, too many wrong answers).',
  'credential.deleted': 'A credential was deleted; its stored secrets were wiped.',
  'session.queued': 'A session was requested by a task run and waits to be provisioned.',
  'session.running': 'A session is running a task run (logging in first when it is new).',
  'session.idle': 'A session has no active task run and can be reused.',
  'session.completing': 'A session is ending (idle timeout or an end call).',
  'session.completed': 'A session ended.',
  'session.failed': 'A session failed (login timeout or a dropped session); its active run failed.',
  'task_run.canceling': 'A task run is being canceled.',
  'task_run.review_required': 'A task run waits for a human review before it completes.',
  'task.reset': 'A task was reset to learning.',
  'storage.created': 'A task run stored a file.',
  'storage.deleted': 'A stored file was deleted.',
}
