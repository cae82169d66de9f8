import type { DriftKind } from './conformance.js'
import { redactJson, redactText } from './redact.js'

/** Differences the proxy sees beyond the body's schema. */
export type ReportKind = DriftKind | 'undocumented_status' | 'undocumented_route' | 'not_json' | 'missing_header' | 'upstream_error'

export interface Observation {
  kind: ReportKind
  path: string
  message: string
}

export interface Example {
  request: { method: string; path: string }
  status: number
  /** The response body, redacted (or the first bytes of a non-JSON one). */
  body: unknown
}

interface IssueEntry {
  kind: ReportKind
  path: string
  message: string
  count: number
  example: Example
}

interface RouteEntry {
  requests: number
  drifted: number
  statuses: Record<string, number>
  issues: Map<string, IssueEntry>
}

/**
 * The drift report: per route, how many responses passed, which differences
 * were seen, how often, with the first example of each (redacted). JSON for
 * machines (`--report drift.json`), `summary()` for people.
 */
export class DriftReport {
  private readonly routes = new Map<string, RouteEntry>()
  private requests = 0
  readonly startedAt: string

  constructor(
    readonly upstream: string,
    now = new Date(),
  ) {
    this.startedAt = now.toISOString()
  }

  add(route: string, status: number, observations: Observation[], example: () => Example): void {
    this.requests++
    let entry = this.routes.get(route)
    if (!entry) this.routes.set(route, (entry = { requests: 0, drifted: 0, statuses: {}, issues: new Map() }))
    entry.requests++
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1
    if (observations.length === 0) return
    entry.drifted++
    let shown: Example | undefined
    for (const o of observations) {
      const key = `${o.kind} ${o.path}`
      const issue = entry.issues.get(key)
      if (issue) issue.count++
      else entry.issues.set(key, { ...o, message: redactText(o.message), count: 1, example: (shown ??= redactExample(example())) })
    }
  }

  get driftCount(): number {
    let n = 0
    for (const r of this.routes.values()) n += r.drifted
    return n
  }

  toJSON(now = new Date()) {
    const routes = [...this.routes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, r]) => ({
        route,
        requests: r.requests,
        drifted: r.drifted,
        statuses: r.statuses,
        issues: [...r.issues.values()].sort((a, b) => b.count - a.count || a.path.localeCompare(b.path)),
      }))
    return {
      upstream: this.upstream,
      started_at: this.startedAt,
      ended_at: now.toISOString(),
      requests: this.requests,
      drifted_responses: this.driftCount,
      issues: routes.reduce((n, r) => n + r.issues.length, 0),
      routes,
    }
  }

  summary(): string {
    const doc = this.toJSON()
    const lines = [
      `Drift report: ${doc.requests} response${doc.requests === 1 ? '' : 's'} from ${this.upstream}, ${doc.drifted_responses} differed from the contract${doc.issues ? ` (${doc.issues} kind${doc.issues === 1 ? '' : 's'} of difference)` : ''}.`,
    ]
    for (const r of doc.routes) {
      lines.push(
        `  ${r.issues.length ? '✗' : '✓'} ${r.route}  ${r.requests} request${r.requests === 1 ? '' : 's'}${r.drifted ? `, ${r.drifted} differed` : ''}`,
      )
      for (const i of r.issues) lines.push(`      ${i.kind} ${i.path || '(body)'}: ${i.message} ×${i.count}`)
    }
    return lines.join('\n')
  }
}

function redactExample(example: Example): Example {
  return { ...example, body: redactJson(example.body) }
}
