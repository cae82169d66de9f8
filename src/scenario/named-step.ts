import type { z } from 'zod'

/**
 * Steps in scenario scripts are written as a bare name (`connected`) or a
 * one-key mapping (`{ mfa: {...} }`). This parses that form against a table
 * of bodies, with one message for a malformed step and one for a typo.
 * Returns undefined (issues added) when the step is not valid.
 */
export function parseNamedStep<T extends Record<string, z.ZodType>>(
  raw: unknown,
  bodies: T,
  ctx: z.RefinementCtx,
  what: string,
): { name: keyof T & string; value: unknown } | undefined {
  const names = Object.keys(bodies)
  let name: string
  let body: unknown = null
  if (typeof raw === 'string') name = raw
  else if (raw && typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 1) {
    name = Object.keys(raw)[0]!
    body = (raw as Record<string, unknown>)[name]
  } else {
    ctx.addIssue({ code: 'custom', message: `expected a ${what}: one of ${names.join(', ')}, written as a name or { name: options }` })
    return undefined
  }
  if (!names.includes(name)) {
    ctx.addIssue({ code: 'custom', message: `unknown ${what} "${name}" (expected one of ${names.join(', ')})` })
    return undefined
  }
  const parsed = bodies[name]!.safeParse(body)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [name, ...issue.path] as PropertyKey[] })
    return undefined
  }
  return { name, value: parsed.data }
}
