import { errors } from '../domain/errors.js'
import type { StorageItem } from '../domain/storage-item.js'
import type { Tenant } from '../services/tenant.js'
import { runScreenshots, type Screenshot, type ShotRun } from './screenshots.js'
import { runStorage } from './storage.js'

export type IncludeSection = 'input' | 'storage' | 'artifacts'
const KNOWN: Record<string, IncludeSection> = { input: 'input', storage: 'storage', artifacts: 'artifacts', screenshots: 'artifacts' }

/**
 * `include=` on a task run: a comma list (repeats of the parameter too) of
 * `input`, `storage`, `artifacts`, and `screenshots` (an alias filling
 * `artifacts.screenshots`). Anything else → 400 `input_invalid`, field `include`.
 */
export function parseInclude(raw: string | string[] | undefined): Set<IncludeSection> {
  const out = new Set<IncludeSection>()
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((v) => v.split(','))
  for (const value of values.map((v) => v.trim()).filter(Boolean)) {
    const section = KNOWN[value]
    if (!section) throw errors.inputInvalid(`\`include\` accepts input, storage, artifacts and screenshots; got \`${value}\`.`, 'include')
    out.add(section)
  }
  return out
}

export interface RunSections {
  input?: Record<string, unknown>
  storage?: StorageItem[]
  artifacts?: { screenshots: Screenshot[] }
}

/** The sections asked for, ready to spread onto the run's view; left-out sections are absent (not null). */
export function runIncludes(tenant: Tenant, run: ShotRun & { input?: Record<string, unknown> }, sections: Set<IncludeSection>, origin: string): RunSections {
  const out: RunSections = {}
  if (sections.has('input')) out.input = run.input ?? {}
  if (sections.has('storage')) out.storage = runStorage(tenant, run.id, origin)
  if (sections.has('artifacts')) out.artifacts = { screenshots: runScreenshots(tenant, run, origin) }
  return out
}
