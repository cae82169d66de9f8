import type { DeckEvent } from '../../domain/types.js'
import { html, prettyJson, type Html } from '../html.js'
import type { CredentialRecord, RunRecord, SessionRecord } from '../runs-data.js'
import type { Source } from '../../domain/types.js'
import { eventsTable, sourcesTable } from './connections.js'
import { actionForm, badge, card, empty, time } from './parts.js'
import { credentialLink, runLink, runsTable, sessionLink, statusTimeline } from './task-runs.js'

const NOT_SERVED = (what: string, route: string) => empty(`No ${what}: this tenant does not serve the credentials generation here (${route} answers 404).`)

export function credentialsTable(credentials: CredentialRecord[]): Html {
  if (credentials.length === 0) return empty('No credentials yet. Create one with POST /v2/credentials; its login plays when a task run uses it.')
  return html`<table id="credentials"><thead><tr><th scope="col">Credential</th><th scope="col">User</th><th scope="col">External id</th><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Updated</th></tr></thead><tbody>
${credentials.map(
  (c) => html`<tr data-credential="${c.id}"><td>${credentialLink(c.id)}</td><td>${c.auth_credentials?.username ?? html`<span class="muted">—</span>`}</td>
<td class="mono">${c.external_id ?? html`<span class="muted">—</span>`}</td><td class="mono">${c.source_id}</td><td>${badge(c.status)}</td><td>${time(c.updated_at)}</td></tr>`,
)}
</tbody></table>`
}

export function credentialsView(credentials: CredentialRecord[] | undefined): Html {
  return card(`Credentials (${credentials?.length ?? 0})`, credentials ? credentialsTable(credentials) : NOT_SERVED('credentials', 'GET /v2/credentials'))
}

export function credentialView(data: { credential: CredentialRecord; timeline: DeckEvent[]; runs: RunRecord[] | undefined }): Html {
  const c = data.credential
  const fields = c.auth_credentials?.source_fields
  // The summary never holds the password (contract §2); shown as the API gives it.
  const summary = html`<dl class="kv">
<dt>Status</dt><dd id="credential-status">${badge(c.status)}</dd>
<dt>User</dt><dd>${c.auth_credentials?.username ?? '—'}</dd>
<dt>External id</dt><dd class="mono">${c.external_id ?? '—'}</dd>
<dt>Source</dt><dd class="mono">${c.source_id}</dd>
<dt>Auth method</dt><dd>${c.auth_method}</dd>
${fields && Object.keys(fields).length ? html`<dt>Source fields</dt><dd>${Object.entries(fields).map(([k, v]) => html`<code>${k}=${String(v)}</code> `)}</dd>` : ''}
<dt>Created</dt><dd>${time(c.created_at)}</dd>
<dt>Updated</dt><dd>${time(c.updated_at)}</dd>
</dl><details style="margin-top:12px"><summary>JSON</summary><pre>${prettyJson(c)}</pre></details>`
  return html`<div class="grid">
${card('Credential', summary)}
${card('Status history', statusTimeline(data.timeline, 'credential.'))}
</div>
${card(`Task runs (${data.runs?.length ?? 0})`, data.runs ? runsTable(data.runs, 'No task run has used this credential yet.') : empty('Task runs are not available.'))}
${card('Events', eventsTable([...data.timeline].reverse(), { compact: true, hideObject: true }))}`
}

export function sessionsTable(sessions: SessionRecord[]): Html {
  if (sessions.length === 0) return empty('No sessions yet. A task run on a credential opens one.')
  return html`<table id="sessions"><thead><tr><th scope="col">Session</th><th scope="col">Runs</th><th scope="col">Status</th><th scope="col">Runtime</th><th scope="col">Updated</th></tr></thead><tbody>
${sessions.map(
  (s) => html`<tr data-session="${s.id}"><td>${sessionLink(s.id)}</td><td>${s.task_runs?.length ?? 0}</td><td>${badge(s.status)}</td>
<td>${s.runtime_ms ?? 0} ms</td><td>${time(s.updated_at)}</td></tr>`,
)}
</tbody></table>`
}

export function sessionsView(sessions: SessionRecord[] | undefined): Html {
  return card(`Sessions (${sessions?.length ?? 0})`, sessions ? sessionsTable(sessions) : NOT_SERVED('sessions', 'GET /v2/sessions/{id}'))
}

const LIVE_SESSION = new Set(['queued', 'running', 'idle'])

export function sessionView(data: { session: SessionRecord; timeline: DeckEvent[] }): Html {
  const s = data.session
  const runs = s.task_runs ?? []
  const summary = html`<dl class="kv">
<dt>Status</dt><dd id="session-status">${badge(s.status)}</dd>
<dt>Runtime</dt><dd>${s.runtime_ms ?? 0} ms</dd>
<dt>Created</dt><dd>${time(s.created_at)}</dd>
<dt>Updated</dt><dd>${time(s.updated_at)}</dd>
</dl><details style="margin-top:12px"><summary>JSON</summary><pre>${prettyJson(s)}</pre></details>`
  const runRows =
    runs.length === 0
      ? empty('No task run in this session yet.')
      : html`<table><thead><tr><th scope="col">Task run</th><th scope="col">Task</th><th scope="col">Credential</th></tr></thead><tbody>
${runs.map((r) => html`<tr data-task-run="${r.id}"><td>${runLink(r.id)}</td><td class="mono">${r.task_id ?? '—'}</td><td>${r.credential_id ? credentialLink(r.credential_id) : html`<span class="muted">—</span>`}</td></tr>`)}
</tbody></table>`
  return html`<div class="grid">
${card('Session', summary)}
${card('Status history', statusTimeline(data.timeline, 'session.'))}
</div>
${LIVE_SESSION.has(s.status) ? card('Actions', actionForm('end_session', { session_id: s.id }, html`<button type="submit" class="danger">End session</button>`, { confirm: 'End this session? Its active run is canceled.' })) : ''}
${card(`Task runs (${runs.length})`, runRows)}
${card('Events', eventsTable([...data.timeline].reverse(), { compact: true, hideObject: true }))}`
}

/** The landing view of a tenant pinned to the credentials generation (it has no connections). */
export function credentialsOverviewView(data: {
  sources: Source[]
  credentials: CredentialRecord[] | undefined
  runs: RunRecord[] | undefined
  events: DeckEvent[]
}): Html {
  return html`${credentialsView(data.credentials)}
${card(`Latest task runs (${Math.min(data.runs?.length ?? 0, 10)})`, runsTable((data.runs ?? []).slice(0, 10)), html` <a href="/_emulator/ui/task-runs" style="font-weight:400;font-size:13px">all task runs →</a>`)}
<div class="grid split">
${card('Sources', sourcesTable(data.sources))}
${card('Latest events', eventsTable(data.events.slice(0, 8), { compact: true }), html` <a href="/_emulator/ui/events" style="font-weight:400;font-size:13px">all events →</a>`)}
</div>`
}
