import { errors } from '../domain/errors.js'

/** A dashboard form, turned into the API call an integrator would make. */
export interface ApiCall {
  method: 'POST'
  path: string
  body?: unknown
  done: string
}

type Form = Record<string, string>

const required = (form: Form, name: string): string => {
  const value = form[name]?.trim()
  if (!value) throw errors.inputMissing(name)
  return value
}
const seg = (value: string) => encodeURIComponent(value)

/** Inputs arrive as `input.<field>` so any interaction's fields map to `inputs`. */
function inputsOf(form: Form): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k.startsWith('input.'))
      .map(([k, v]) => [k.slice(6), v.trim()]),
  )
}

export const ACTIONS: Record<string, (form: Form) => ApiCall> = {
  answer: (f) => ({
    method: 'POST',
    path: `/v2/connections/${seg(required(f, 'connection_id'))}/interaction`,
    body: { inputs: inputsOf(f) },
    done: 'Answer sent: the source is checking it.',
  }),
  transition: (f) => ({
    method: 'POST',
    path: `/_emulator/connections/${seg(required(f, 'connection_id'))}/transition`,
    body: { status: required(f, 'status') },
    done: `Moved to ${f.status}.`,
  }),
  reopen: (f) => ({ method: 'POST', path: `/v2/connections/${seg(required(f, 'connection_id'))}/reopen`, done: 'Reopened: logging in again.' }),
  disconnect: (f) => ({ method: 'POST', path: `/v2/connections/${seg(required(f, 'connection_id'))}/disconnect`, done: 'Terminated.' }),
  advance: (f) => ({ method: 'POST', path: '/_emulator/clock/advance', body: { by: required(f, 'by') }, done: `Clock advanced by ${f.by}.` }),
  reset: () => ({ method: 'POST', path: '/_emulator/reset', done: 'Tenant reset to its scenario.' }),
  resend: (f) => ({
    method: 'POST',
    path: `/v2/events/${seg(required(f, 'event_id'))}/resend`,
    ...(f.event_destination_id ? { body: { event_destination_id: f.event_destination_id } } : {}),
    done: 'Event sent again.',
  }),
}
