import { createHash } from 'node:crypto'
import { errors } from '../domain/errors.js'
import { reasoningAt, SCREENSHOT_EVERY_MS, SCREENSHOT_RETENTION_MS, screenshotCount, type RunArtifacts } from '../domain/storage-item.js'
import type { Tenant, TimerHandler } from '../tenant/tenant.js'
import { artifactsOf, namespaceOf, signedUrl } from './context.js'
import { browserPicture } from './generate/png.js'
import { URL_TTL_MS } from './signer.js'
import { lazyCollection } from '../tenant/collection.js'

/**
 * A run's screenshots, about one per 5 s of runtime (at least one, capped).
 * Generated pictures are a pure function of (run, index), so they are drawn
 * when downloaded rather than stored: a run costs no write for them. A run
 * whose source logs in with a browser keeps one real Chromium screenshot
 * (a blob), shown on each of its screenshots. Kept 15 days.
 */
export interface Screenshot {
  file_name: string
  file_type: 'image/png'
  file_size: number
  created_at: string
  url: string
  reasoning: string
}

/** What the screenshots of a run are computed from; both generations' runs have these. */
export interface ShotRun {
  id: string
  created_at: string
  /** The run's runtime so far (a live run: now − start). */
  runtime_ms: number
  /** connection_id or credential_id (for the browser screenshot). */
  owner_id?: string
}

export const SCREENSHOT_TIMERS = { expire: 'screenshot.expire' } as const

const shotId = (runId: string, n: number) => `${runId}.${n + 1}.png`
const SHOT_ID = /^(trun_[A-Za-z0-9]+)\.(\d{1,3})\.png$/

/** Per-run screenshot notes, created on first write (tenant/collection.ts): only this file reaches `tenant.data.run_artifacts`. */
const runArtifacts = lazyCollection('run_artifacts')
const notes: (tenant: Tenant) => Record<string, RunArtifacts> = runArtifacts.of

/** A `reasoning` run step: the text shown on screenshots from this point of the run on. */
export function noteReasoning(tenant: Tenant, runId: string, atMs: number, text: string): void {
  const all = notes(tenant)
  const entry = all[runId] ?? { reasoning: [] }
  entry.reasoning.push({ at_ms: atMs, text })
  all[runId] = entry
}

/**
 * When a run ends: keep its browser screenshot, if its source logged in with
 * a browser (the real Chromium picture of the fake site), for 15 days.
 */
export function captureRunScreenshots(tenant: Tenant, run: ShotRun): void {
  const ctx = artifactsOf(tenant)
  const png = run.owner_id ? ctx.browserShot?.(tenant.key, run.owner_id) : undefined
  if (!png) return
  const id = `${run.id}.browser.png`
  ctx.blobs.put(namespaceOf(tenant.key), id, png)
  const all = notes(tenant)
  all[run.id] = { ...(all[run.id] ?? { reasoning: [] }), browser_png: id, browser_size: png.length }
  tenant.schedule(SCREENSHOT_TIMERS.expire, `${run.id}.shots`, Date.parse(run.created_at) + run.runtime_ms + SCREENSHOT_RETENTION_MS, { run: run.id })
}

function expired(tenant: Tenant, run: ShotRun): boolean {
  return tenant.now() > Date.parse(run.created_at) + run.runtime_ms + SCREENSHOT_RETENTION_MS
}

function pictureSeed(runId: string, n: number): number {
  return createHash('sha256').update(`${runId}:${n}`).digest().readUInt32BE(0)
}

/** Screenshot `n` (0-based) as PNG bytes, or undefined. */
export function screenshotPng(tenant: Tenant, run: ShotRun, n: number): Uint8Array | ReadableStream<Uint8Array> | undefined {
  if (expired(tenant, run) || n < 0 || n >= screenshotCount(run.runtime_ms)) return undefined
  const browser = runArtifacts.read(tenant)[run.id]?.browser_png
  if (browser) return artifactsOf(tenant).blobs.open(namespaceOf(tenant.key), browser)
  // A live run of a browser-login source: its connection's latest Chromium screenshot (kept when the run ends).
  return liveBrowserShot(tenant, run) ?? browserPicture(pictureSeed(run.id, n))
}

function liveBrowserShot(tenant: Tenant, run: ShotRun): Uint8Array | undefined {
  return run.owner_id ? artifactsOf(tenant).browserShot?.(tenant.key, run.owner_id) : undefined
}

/** Screenshot `n`'s size (generated pictures drawn once, then remembered). */
const sizes = new Map<string, number>()
function sizeOf(tenant: Tenant, run: ShotRun, n: number): number {
  const browser = runArtifacts.read(tenant)[run.id]?.browser_size ?? liveBrowserShot(tenant, run)?.length
  if (browser !== undefined) return browser
  const key = `${run.id}:${n}`
  let size = sizes.get(key)
  if (size === undefined) {
    size = browserPicture(pictureSeed(run.id, n)).length
    if (sizes.size > 10_000) sizes.clear()
    sizes.set(key, size)
  }
  return size
}

/** Every screenshot of the run, oldest first. */
export function runScreenshots(tenant: Tenant, run: ShotRun, origin: string): Screenshot[] {
  if (expired(tenant, run)) return []
  const count = screenshotCount(run.runtime_ms)
  const start = Date.parse(run.created_at)
  const runNotes = runArtifacts.read(tenant)[run.id]
  const out: Screenshot[] = []
  for (let n = 0; n < count; n++) {
    const at = n * SCREENSHOT_EVERY_MS
    out.push({
      file_name: `${n + 1}.png`,
      file_type: 'image/png',
      file_size: sizeOf(tenant, run, n),
      created_at: new Date(start + at).toISOString(),
      url: signedUrl(tenant, origin, shotId(run.id, n), URL_TTL_MS),
      reasoning: reasoningAt(runNotes, n, at),
    })
  }
  return out
}

/** `GET /v2/task-runs/{id}/screenshots`: oldest first; the cursor is the next position. */
export function listRunScreenshots(tenant: Tenant, run: ShotRun, origin: string, query: { limit: number; cursor?: string | undefined }) {
  const all = runScreenshots(tenant, run, origin)
  let from = 0
  if (query.cursor !== undefined) {
    const match = /^s(\d{1,4})\.(.+)$/.exec(Buffer.from(query.cursor, 'base64url').toString('utf8'))
    if (!match || match[2] !== run.id) throw errors.cursorInvalid()
    from = Number(match[1])
  }
  const data = all.slice(from, from + query.limit)
  const has_more = from + query.limit < all.length
  return { data, has_more, next_cursor: has_more ? Buffer.from(`s${from + query.limit}.${run.id}`).toString('base64url') : null }
}

/** Which run and screenshot a file id names (`trun_….3.png`), for the file route. */
export function parseShotId(id: string): { runId: string; n: number } | undefined {
  const match = SHOT_ID.exec(id)
  return match ? { runId: match[1]!, n: Number(match[2]) - 1 } : undefined
}

const onExpire: TimerHandler = (tenant, timer) => {
  const runId = String(timer.data?.run ?? '')
  const entry = runArtifacts.read(tenant)[runId]
  const blob = entry?.browser_png
  if (!entry || !blob) return
  delete notes(tenant)[runId]
  const ctx = artifactsOf(tenant)
  const ns = namespaceOf(tenant.key)
  ctx.afterCommit(() => ctx.blobs.delete(ns, blob))
}

export const screenshotTimerHandlers: Record<string, TimerHandler> = { [SCREENSHOT_TIMERS.expire]: onExpire }
