import type { Tenant } from '../services/tenant.js'

export interface AppEnv {
  Variables: {
    tenant: Tenant
    requestId: string
    body: Record<string, unknown>
    /** A text body read by the pipeline (the scenario upload), already size-checked. */
    text?: string
    /** Ids of the API faults the request met (journal). */
    faults: string[]
  }
}
