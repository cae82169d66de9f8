import { findDelivered } from '../webhooks/queries.js'
import { deliveriesIdleCondition } from '../webhooks/idle-condition.js'
import { credentialWaitConditions } from './credential-wait-conditions.js'
import { defaultWaitConditions, requireEventType, type WaitConditions } from './wait-conditions.js'

/**
 * Every condition `GET /_emulator/wait` knows: connections and events, the
 * credentials generation's, and the webhook deliveries' (a delivered event
 * type, or no delivery left pending).
 */
export function emulatorWaitConditions(): WaitConditions {
  const conditions = { ...defaultWaitConditions(), ...credentialWaitConditions() }
  conditions.delivery = {
    check: (tenant, query) => (requireEventType(query.delivery!, 'delivery'), findDelivered(tenant, query.delivery!)),
    describe: (_tenant, query) => `no successful ${query.delivery} delivery yet`,
  }
  conditions.deliveries = deliveriesIdleCondition
  return conditions
}
