// A leaf module (no imports): the timer handler tables are built from it at load time, whatever the import order.
/** Timer kinds of the credentials generation (a session's are keyed by the session id, a run's by the run id). */
export const CREDENTIAL_TIMERS = {
  provision: 'session.provision',
  next: 'session.next',
  loginStep: 'session.login_step',
  loginAnswer: 'session.login_answer',
  idle: 'session.idle_timeout',
  drop: 'session.drop',
  complete: 'session.complete',
  runStep: 'credential_run.step',
  runAnswer: 'credential_run.answer',
  runInteractionTimeout: 'credential_run.interaction_timeout',
  runCancel: 'credential_run.cancel',
} as const
