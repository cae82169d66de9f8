import { errors } from './errors.js'

/**
 * `include=` on task runs (credentials contract §3): a comma list (or
 * repeats) of the optional sections. `screenshots` is an alias that fills
 * `artifacts.screenshots`. Anything else → 400 naming `include`.
 */
export const INCLUDE_SECTIONS = ['input', 'storage', 'artifacts', 'screenshots'] as const
export type IncludeSection = (typeof INCLUDE_SECTIONS)[number]

export function parseInclude(raw: string | string[] | undefined): Set<IncludeSection> {
  const out = new Set<IncludeSection>()
  if (raw === undefined) return out
  for (const part of (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(','))) {
    const name = part.trim()
    if (name === '') continue
    if (!(INCLUDE_SECTIONS as readonly string[]).includes(name)) {
      throw errors.inputInvalid(`\`include\` accepts ${INCLUDE_SECTIONS.join(', ')}; \`${name}\` is not one of them.`, 'include')
    }
    out.add(name as IncludeSection)
  }
  return out
}
