import type { FaultEffects } from '../control/fault-effects.js'
import type { Tenant } from '../tenant/tenant.js'

export interface AppEnv {
  Variables: {
    tenant: Tenant
    requestId: string
    body: Record<string, unknown>
    /** A text body read by the pipeline (the scenario upload), already size-checked. */
    text?: string
    /** Ids of the API faults the request met (journal). */
    faults: string[]
    /** What those faults did (journal `fault_effects`; the network part is carried out by http/chaos.ts). */
    faultEffects: FaultEffects
  }
}
