import * as z from 'zod'
import { Duration } from './durations.js'
import { probability } from './chaos-schema.js'

/**
 * The network-level parts of an API fault (README "Chaos faults"):
 * `connection` breaks the socket, `body` breaks the bytes of the answer,
 * `probability` makes any fault apply to a seeded share of the requests.
 * Made when the fault schema is built (scenario/schema.ts), on first use.
 */
export const networkFaultFields = () => ({
  /** reset: RST before any byte; reset_mid: status, headers and half the body, then RST; empty: closed with no answer. */
  connection: z.enum(['reset', 'reset_mid', 'empty']).optional(),
  /** malformed: the answer's JSON cut in half (status kept); trickle: the answer sent in chunks over `trickle.duration`. */
  body: z.enum(['malformed', 'trickle']).optional(),
  trickle: z
    .strictObject({
      // Real time, like `delay`.
      duration: Duration.refine((ms) => ms <= 60_000, 'a trickle is real time: at most 60s').default(1000),
      chunks: z.number().int().min(2).max(1000).default(10),
    })
    .optional(),
  probability: probability().optional(),
})

interface NetworkFaultLike {
  respond?: unknown
  delay?: unknown
  connection?: string | undefined
  body?: string | undefined
  trickle?: unknown
}

export function checkNetworkFault(f: NetworkFaultLike, ctx: z.RefinementCtx): void {
  if (f.respond === undefined && f.delay === undefined && f.connection === undefined && f.body === undefined) {
    ctx.addIssue({ code: 'custom', message: 'a fault needs `respond`, `delay`, `connection` or `body` (or several)' })
  }
  if (f.connection !== undefined && f.body !== undefined) {
    ctx.addIssue({ code: 'custom', message: '`connection` and `body` cannot be combined: the connection breaks before the body is sent', path: ['body'] })
  }
  if (f.trickle !== undefined && f.body !== 'trickle') {
    ctx.addIssue({ code: 'custom', message: '`trickle` settings need `body: trickle`', path: ['trickle'] })
  }
}
