/**
 * Storage items (files a run captured) and the per-run notes behind its
 * screenshots, as stored (credentials-era contract §4). Plain data.
 */
import type { Iso } from './types.js'

export interface StorageItem {
  id: string
  object: 'storage'
  file_name: string
  file_type: string
  file_size: number
  /** Signed, set only when one item is read (GET /v2/storage/{id}, include=storage). */
  url?: string
  metadata: Record<string, unknown> | null
  extraction: unknown
  task_run_id: string
  result: 'success' | 'failure'
  created_at: Iso
}

export interface StorageRecord {
  item: Omit<StorageItem, 'url'>
  task_id: string
  /** The connection (or credential) the run acted for: deduplication is per task and owner. */
  owner_id: string
  sha256: string
  /** Tenant time (ms) it is deleted at (retention). */
  expires_at: number
}

export interface RunArtifacts {
  /** Scripted reasoning: `text` applies to screenshots from `at_ms` of runtime on. */
  reasoning: { at_ms: number; text: string }[]
  /** A real browser screenshot kept for this run (blob id), when its source logs in with a browser. */
  browser_png?: string
  browser_size?: number
}

/** Kept 90 days of tenant clock (Deck: "varies by plan", at most 90 days). */
export const STORAGE_RETENTION_MS = 90 * 24 * 3600 * 1000
/** Screenshots are kept 15 days. */
export const SCREENSHOT_RETENTION_MS = 15 * 24 * 3600 * 1000
/** About one screenshot per 5 s of runtime, at least one, at most this many. */
export const SCREENSHOT_EVERY_MS = 5000
export const SCREENSHOT_CAP = 100

/** How many screenshots a run of this runtime has. */
export function screenshotCount(runtimeMs: number): number {
  return Math.min(SCREENSHOT_CAP, Math.floor(Math.max(0, runtimeMs) / SCREENSHOT_EVERY_MS) + 1)
}

const GENERATED_REASONING = [
  'Opening the source website and checking the session is still signed in.',
  'Navigating to the section the task asks for.',
  'Reading the page and locating the data to collect.',
  'Scrolling through the list to load the remaining items.',
  'Opening the next page of results.',
  'Collecting the values into the task output.',
  'Checking the collected data against the output schema.',
]

/** The reasoning shown on screenshot `n` (taken at `atMs` of runtime): scripted if the run says, else generated. */
export function reasoningAt(notes: RunArtifacts | undefined, n: number, atMs: number): string {
  let text: string | undefined
  for (const r of notes?.reasoning ?? []) if (r.at_ms <= atMs) text = r.text
  return text ?? GENERATED_REASONING[n % GENERATED_REASONING.length]!
}
