import { ACTIVE_CREDENTIAL_RUN, type CredentialRun } from '../domain/credential-run.js'
import { runArtifactHooks } from './run-glue.js'
import { findCredentialRunState } from '../credentials/world.js'

/**
 * The credentials generation's task runs plugged into the artifact modules:
 * the credential owns the run (deduplication per task and credential; a
 * browser-login source's session screenshot); a `source_id`-only run has no
 * credential and is owned by its session.
 */
const hooks = runArtifactHooks<CredentialRun>({
  owner: (run) => run.credential_id ?? run.session_id,
  state: (tenant, id) => findCredentialRunState(tenant, id),
  active: ACTIVE_CREDENTIAL_RUN,
})

export const credentialShotRunOf = hooks.shotRunOf
export const playCredentialFilesStep = hooks.playFilesStep
export const playCredentialReasoningStep = hooks.playReasoningStep
export const beforeCredentialRunCompletes = hooks.beforeComplete
export const afterCredentialRunMoved = hooks.afterRunMoved
