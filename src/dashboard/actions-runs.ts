import { errors } from '../domain/errors.js'
import type { ApiCall } from './actions.js'

type Form = Record<string, string>

const required = (form: Form, name: string): string => {
  const value = form[name]?.trim()
  if (!value) throw errors.inputMissing(name)
  return value
}
const seg = (value: string) => encodeURIComponent(value)
const inputsOf = (form: Form) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k.startsWith('input.'))
      .map(([k, v]) => [k.slice(6), v.trim()]),
  )

/**
 * Dashboard actions on task runs and sessions, as the API calls an integrator
 * (or, for a review, a test through the control plane) would make.
 */
export const RUN_ACTIONS: Record<string, (form: Form) => ApiCall> = {
  // Each generation's own answer shape: `inputs` (deck-api.md §4) or `{"input":…}` (deck-api-credentials.md §3).
  answer_run: (f) => ({
    method: 'POST',
    path: `/v2/task-runs/${seg(required(f, 'task_run_id'))}/interaction`,
    body: f.generation === 'credentials' ? { input: inputsOf(f) } : { inputs: inputsOf(f) },
    done: 'Answer sent: the run continues.',
  }),
  review_run: (f) => {
    const approve = required(f, 'approve')
    if (approve !== 'true' && approve !== 'false') throw errors.inputInvalid('`approve` must be true or false.', 'approve')
    return {
      method: 'POST',
      path: `/_emulator/task-runs/${seg(required(f, 'task_run_id'))}/review`,
      body: { approve: approve === 'true' },
      done: approve === 'true' ? 'Approved: the run completes.' : 'Rejected: the run fails.',
    }
  },
  cancel_run: (f) => ({ method: 'POST', path: `/v2/task-runs/${seg(required(f, 'task_run_id'))}/cancel`, done: 'Cancel requested.' }),
  end_session: (f) => ({ method: 'POST', path: `/v2/sessions/${seg(required(f, 'session_id'))}/end`, done: 'Ending the session.' }),
}
