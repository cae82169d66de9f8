import type { Tenant } from '../services/tenant.js'

export interface AppEnv {
  Variables: {
    tenant: Tenant
    requestId: string
    body: Record<string, unknown>
    /** Ids of the API faults the request met (journal). */
    faults: string[]
  }
}
