import type { TimerHandler } from '../tenant/tenant.js'
import { credentialRunTimerHandlers } from './runner.js'
import { sessionLoginTimerHandlers } from '../sessions/login.js'
import { sessionTimerHandlers } from '../sessions/service.js'

/** Every timer handler of the credentials generation, for the composition root. */
export const credentialTimerHandlers: Record<string, TimerHandler> = {
  ...sessionTimerHandlers,
  ...sessionLoginTimerHandlers,
  ...credentialRunTimerHandlers,
}
