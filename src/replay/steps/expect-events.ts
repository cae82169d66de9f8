import * as z from 'zod'
import { defineStep, StepFailure } from '../step.js'

/**
 * `expect_events: [connection.connecting, connection.connected]`: the tenant's
 * whole event log, oldest first, is exactly these types. The long form
 * `{ connection: alice, types: […], exact: false }` narrows to one object's
 * events and/or only asks for the types to appear in this order.
 */
export const expectEvents = defineStep({
  name: 'expect_events',
  args: z.union([
    z.array(z.string().min(1)),
    z.strictObject({ connection: z.string().optional(), types: z.array(z.string().min(1)), exact: z.boolean().default(true) }),
  ]),
  async run(ctx, value) {
    const spec = Array.isArray(value) ? { types: value, exact: true, connection: undefined } : value
    const events = await ctx.client.emulator.events(spec.connection ? { connection: ctx.resolve(spec.connection) } : {})
    const seen = events.map((e) => e.type)
    if (spec.exact) {
      const at = spec.types.findIndex((t, i) => seen[i] !== t)
      const diff = at >= 0 ? at : seen.length !== spec.types.length ? spec.types.length : -1
      if (diff >= 0) {
        throw new StepFailure(
          `events${spec.connection ? ` of ${spec.connection}` : ''}: first difference at #${diff + 1}: expected ${spec.types[diff] ?? 'no more events'}, saw ${seen[diff] ?? 'no more events'}\n      expected: ${spec.types.join(', ')}\n      saw:      ${seen.join(', ') || '(none)'}`,
        )
      }
    } else {
      let i = 0
      for (const type of seen) if (type === spec.types[i]) i++
      if (i < spec.types.length)
        throw new StepFailure(`events: ${spec.types[i]} (#${i + 1} of the expected order) never came\n      saw: ${seen.join(', ') || '(none)'}`)
    }
    return `${spec.types.length} events`
  },
})
