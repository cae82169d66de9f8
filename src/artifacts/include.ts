import type { IncludeSection } from '../domain/include.js'
import type { StorageItem } from '../domain/storage-item.js'
import type { Tenant } from '../tenant/tenant.js'
import { runScreenshots, type Screenshot, type ShotRun } from './screenshots.js'
import { runStorage } from './storage.js'

export { parseInclude, type IncludeSection } from '../domain/include.js'

export interface RunSections {
  input?: Record<string, unknown>
  storage?: StorageItem[]
  artifacts?: { screenshots: Screenshot[] }
}

/** The sections asked for, ready to spread onto the run's view; left-out sections are absent (not null). */
export function runIncludes(
  tenant: Tenant,
  run: ShotRun & { input?: Record<string, unknown> },
  sections: ReadonlySet<IncludeSection>,
  origin: string,
): RunSections {
  const out: RunSections = {}
  if (sections.has('input')) out.input = run.input ?? {}
  if (sections.has('storage')) out.storage = runStorage(tenant, run.id, origin)
  if (sections.has('artifacts') || sections.has('screenshots')) out.artifacts = { screenshots: runScreenshots(tenant, run, origin) }
  return out
}
