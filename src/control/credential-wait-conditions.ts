import { errors } from '../domain/errors.js'
import { getCredential } from '../credentials/service.js'
import { findCredentialRun, findCredential, findSession } from '../credentials/world.js'
import { getSession } from '../sessions/service.js'
import { getTaskRun } from '../task-runs/service.js'
import type { WaitConditions } from './wait-conditions.js'
import { findTaskRun } from '../task-runs/state.js'

const statusesOf = (query: Record<string, string>, what: string) => {
  if (!query.status) throw errors.inputMissing('status', `Waiting for a ${what} needs \`status\` (one status, or several separated by commas).`)
  return query.status.split(',').map((s) => s.trim())
}

/**
 * `GET /_emulator/wait?credential=ID&status=S`, `session=ID&status=S` and
 * `task_run=ID&status=S` (a run of either generation). (`deliveries=idle` is
 * webhooks/idle-condition.ts.)
 */
export function credentialWaitConditions(): WaitConditions {
  return {
    credential: {
      check: (tenant, q) => {
        const c = getCredential(tenant, q.credential!)
        return statusesOf(q, 'credential').includes(c.status) ? c : undefined
      },
      describe: (tenant, q) => `credential ${q.credential} is ${findCredential(tenant, q.credential!)?.status ?? 'missing'}, not ${q.status}`,
    },
    session: {
      check: (tenant, q) => {
        const s = getSession(tenant, q.session!)
        return statusesOf(q, 'session').includes(s.status) ? s : undefined
      },
      describe: (tenant, q) => `session ${q.session} is ${findSession(tenant, q.session!)?.status ?? 'missing'}, not ${q.status}`,
    },
    task_run: {
      check: (tenant, q) => {
        const statuses = statusesOf(q, 'task run').map((s) => (s === 'cancelling' ? 'canceling' : s))
        const run = findCredentialRun(tenant, q.task_run!) ?? getTaskRun(tenant, q.task_run!)
        return statuses.includes(run.status) ? run : undefined
      },
      describe: (tenant, q) => {
        const run = findCredentialRun(tenant, q.task_run!) ?? findTaskRun(tenant, q.task_run!)
        return run
          ? `task run ${run.id} is ${run.status}${run.interaction ? ` (interaction: ${run.interaction.type})` : ''}, not ${q.status}`
          : `task run ${q.task_run} does not exist`
      },
    },
  }
}
