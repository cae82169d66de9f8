import type { ScreenshotStore } from '../../browser/screenshots.js'
import type { Tenants } from '../../tenant/tenants.js'
import type { WaitConditions } from '../../control/wait-conditions.js'
import type { Waiters } from '../../tenant/waiters.js'
import type { Router } from '../route.js'
import { agentRoutes } from './agents.js'
import { connectionRoutes } from './connections.js'
import { controlRoutes } from './control.js'
import { credentialControlRoutes } from './control-credentials.js'
import { credentialRoutes } from './credentials.js'
import { sessionRoutes } from './sessions.js'
import { controlDeliveryRoutes } from './control-deliveries.js'
import { controlFaultRoutes } from './control-faults.js'
import { controlObserveRoutes } from './control-observe.js'
import { screenshotRoutes } from './control-screenshots.js'
import { eventDestinationRoutes } from './event-destinations.js'
import { eventRoutes } from './events.js'
import { sourceRoutes } from './sources.js'
import { taskControlRoutes } from './task-control.js'
import { taskRunRoutes } from './task-runs.js'
import { taskRoutes } from './tasks.js'
import { testRoutes } from './test.js'
import { artifactApiRouters } from '../../artifacts/routes.js'

/** The Deck API (under /v2): one router per resource. */
export const apiRouters: Router[] = [
  sourceRoutes,
  connectionRoutes,
  agentRoutes,
  taskRoutes,
  taskRunRoutes,
  eventRoutes,
  eventDestinationRoutes,
  testRoutes,
  credentialRoutes,
  sessionRoutes,
  ...artifactApiRouters,
]

/** The control plane (under /_emulator): routers that act on the emulator's own state. */
export function controlRouters(deps: { tenants: Tenants; waiters: Waiters; waitConditions: WaitConditions; screenshots: ScreenshotStore }): Router[] {
  return [
    controlRoutes(deps.tenants),
    taskControlRoutes,
    controlFaultRoutes,
    controlObserveRoutes(deps.tenants, deps.waiters, deps.waitConditions),
    screenshotRoutes(deps.screenshots),
    controlDeliveryRoutes,
    credentialControlRoutes,
  ]
}
