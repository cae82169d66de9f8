/** Event types of the credentials generation (credentials contract §5), merged into EVENT_TYPES. */
export const CREDENTIALS_EVENT_TYPES: Readonly<Record<string, string>> = {
  'credential.created': 'A credential was created (unverified; no login yet).',
  'credential.unverified': 'A credential got new auth_credentials and must log in again.',
  'credential.verified': 'A credential logged in successfully inside a task run.',
  'credential.invalid': 'A credential was rejected by the source (wrong or expired password, too many wrong answers).',
  'credential.deleted': 'A credential was deleted; its secrets were wiped.',
  'session.queued': 'A session was requested by a task run.',
  'session.running': 'A session is working (logging in or running a task).',
  'session.idle': 'A session has no active run and waits for the next one.',
  'session.completing': 'A session is closing (ended, or idle too long).',
  'session.completed': 'A session closed.',
  'session.failed': 'A session failed (login timeout, dropped by the source).',
  'task_run.canceling': 'A task run is being canceled.',
  'task_run.review_required': 'A task run waits for a review before it completes.',
}
