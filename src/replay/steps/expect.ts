import * as z from 'zod'
import { expectSubjects } from '../expect-subjects.js'
import { mismatches } from '../match.js'
import { defineStep, StepFailure } from '../step.js'

/**
 * `expect: { connection: alice, status: interaction_required, interaction: { type: mfa } }`:
 * the subject key names the object (see expect-subjects.ts), every other key
 * is matched partially against it.
 */
export const expect = defineStep({
  name: 'expect',
  args: z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const subjects = Object.keys(value).filter((k) => k in expectSubjects)
    if (subjects.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one subject (${Object.keys(expectSubjects).join(', ')}), e.g. { connection: alice, status: connected }`,
      })
    } else if (typeof value[subjects[0]!] !== 'string') {
      ctx.addIssue({ code: 'custom', path: [subjects[0]!], message: 'expected the name given with `as:` or an id' })
    }
  }),
  async run(ctx, value) {
    const subject = Object.keys(value).find((k) => k in expectSubjects)!
    const ref = value[subject] as string
    const { [subject]: _, ...expected } = value
    const object = await expectSubjects[subject]!.fetch(ctx, ctx.resolve(ref), expected)
    const problems = mismatches(expected, object)
    if (problems.length) {
      const hint = expectSubjects[subject]!.context?.(object)
      throw new StepFailure(`${subject} ${ref} ${problems.join('; ')}${hint ? ` (${hint})` : ''}`)
    }
    return `${subject} ${ref} ${Object.entries(expected)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ')}`
  },
})
