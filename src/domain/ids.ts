import { randomBase62, type Rng } from './random.js'

export const ID_PREFIX = {
  source: 'src_',
  connection: 'conn_',
  agent: 'agt_',
  task: 'task_',
  task_run: 'trun_',
  event: 'evt_',
  event_destination: 'evtd_',
  event_delivery: 'edlv_',
  request: 'req_',
  timer: 'tmr_',
  storage: 'stor_',
  token: 'tok_',
  credential: 'cred_',
  session: 'sess_',
} as const

export type IdKind = keyof typeof ID_PREFIX

/** Decision: prefix + 16 base62 characters from the tenant's seeded RNG. */
export function newId(rng: Rng, kind: IdKind): string {
  return ID_PREFIX[kind] + randomBase62(rng, 16)
}
