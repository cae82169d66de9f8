import type { Tenant } from '../tenant/tenant.js'
import { credentialShotRunOf } from './credential-runs.js'
import { shotRunOf } from './connection-runs.js'
import type { ShotRun } from './screenshots.js'
import { findTaskRun } from '../task-runs/state.js'
import { findCredentialRun } from '../credentials/world.js'

/** A task run of either generation, as the artifact modules see it (undefined: no such run in this tenant). Collections are null-prototype. */
export function shotRunById(tenant: Tenant, id: string): ShotRun | undefined {
  const run = findTaskRun(tenant, id)
  if (run) return shotRunOf(tenant, run)
  const credentialRun = findCredentialRun(tenant, id)
  return credentialRun && credentialShotRunOf(tenant, credentialRun)
}
