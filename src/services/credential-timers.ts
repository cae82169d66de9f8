import type { TimerHandler } from './tenant.js'
import { credentialRunTimerHandlers } from './credential-run-runner.js'
import { sessionLoginTimerHandlers } from './session-login.js'
import { sessionTimerHandlers } from './sessions.js'

/** Every timer handler of the credentials generation, for the composition root. */
export const credentialTimerHandlers: Record<string, TimerHandler> = {
  ...sessionTimerHandlers,
  ...sessionLoginTimerHandlers,
  ...credentialRunTimerHandlers,
}
