import type { DeckEvent, Interaction } from '../../domain/types.js'
import { html, prettyJson, type Html } from '../html.js'
import { runGeneration, type RunArtifacts, type RunRecord } from '../runs-data.js'
import { eventsTable } from './connections.js'
import { actionForm, badge, card, connectionLink, credentialLink, empty, runLink, sessionLink, time } from './parts.js'

export { credentialLink, runLink, sessionLink }

/** What the run runs on: a connection (connections generation), or a credential and/or a session (credentials generation). */
export function runSubject(run: RunRecord): Html {
  const parts: Html[] = []
  if (run.connection_id) parts.push(html`connection ${connectionLink(run.connection_id)}`)
  if (run.credential_id) parts.push(html`credential ${credentialLink(run.credential_id)}`)
  if (run.session_id) parts.push(html`session ${sessionLink(run.session_id)}`)
  if (parts.length === 0 && run.source_id) parts.push(html`source <span class="mono">${run.source_id}</span>`)
  return parts.length ? html`${parts.map((p, i) => html`${i ? html`<br>` : ''}${p}`)}` : html`<span class="muted">—</span>`
}

export function runsTable(runs: RunRecord[], emptyText = 'No task runs yet. Start one with POST /v2/tasks/{task_id}/run and it appears here.'): Html {
  if (runs.length === 0) return empty(emptyText)
  return html`<table id="task-runs"><thead><tr><th scope="col">Task run</th><th scope="col">Task</th><th scope="col">On</th><th scope="col">Status</th><th scope="col">Updated</th></tr></thead><tbody>
${runs.map(
  (r) => html`<tr data-task-run="${r.id}"><td>${runLink(r.id)}</td><td class="mono">${r.task_id}</td><td>${runSubject(r)}</td>
<td>${badge(r.status)}${r.interaction ? html` <span class="muted">${r.interaction.type}</span>` : ''}${r.result ? html` <span class="muted">${r.result}</span>` : ''}</td><td>${time(r.updated_at)}</td></tr>`,
)}
</tbody></table>`
}

/**
 * The pending interaction with one input per field. Answers go as `inputs`
 * for a connections-generation run and `{"input":…}` for a credentials-generation
 * one (the `answer_run` action reads `generation`).
 */
function interactionForm(run: RunRecord, interaction: Interaction, expected: Record<string, string> | undefined): Html {
  const fields = interaction.fields.map((field) => {
    const id = `run-input-${field.name}`
    const control = field.options
      ? html`<select id="${id}" name="input.${field.name}" required>${field.options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select>`
      : html`<input id="${id}" name="input.${field.name}" required autocomplete="one-time-code" ${field.name === 'code' ? html`inputmode="numeric"` : ''}>`
    return html`<div class="field"><label for="${id}">${field.label}</label>${control}</div>`
  })
  const hint = expected
    ? html`<details class="hint"><summary>What the scenario expects</summary>${Object.entries(expected).map(([k, v]) => html`<code>${k}=${v}</code> `)}</details>`
    : ''
  return html`<div class="prompt"><p style="margin-top:0"><strong>${interaction.type.replace('_', ' ')}</strong> · ${interaction.message}</p>
${actionForm('answer_run', { task_run_id: run.id, generation: runGeneration(run) }, html`${fields}<button type="submit" class="primary">Submit answer</button>${hint}`, { className: 'answer', label: 'Answer the run interaction' })}</div>`
}

/** Approve / reject, only while the run waits for a review (the control plane's review route). */
function reviewForms(run: RunRecord): Html {
  if (run.status !== 'review_required') return html``
  return html`<div class="review" style="display:flex;gap:10px;align-items:center"><span>This run waits for a review.</span>
${actionForm('review_run', { task_run_id: run.id, approve: 'true' }, html`<button type="submit" class="primary">Approve</button>`, { label: 'Approve the run' })}
${actionForm('review_run', { task_run_id: run.id, approve: 'false' }, html`<button type="submit" class="danger">Reject</button>`, { label: 'Reject the run', confirm: 'Reject this run? It fails.' })}</div>`
}

const CANCELABLE = new Set(['queued', 'running', 'interaction_required', 'pending', 'review_required'])

/** Status history from the run's task_run.* events, oldest first. */
export function statusTimeline(events: DeckEvent[], prefix: string): Html {
  if (events.length === 0) return empty('No events recorded for it.')
  return html`<ol class="timeline" aria-label="Status history">${events.map((e) => {
    const data = e.data as { status?: string; interaction?: { type?: string } | null; errors?: { code?: string }[] }
    const detail = data.interaction?.type ?? data.errors?.[0]?.code
    return html`<li>${badge(data.status ?? e.type.slice(prefix.length))}${detail ? html` <span class="muted">${detail}</span>` : ''}${time(e.created_at)}</li>`
  })}</ol>`
}

/** A byte count the way people read it. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`
}

/** Signed URLs are the emulator's own (`/_files/…`); anything else is not linked. */
const safeUrl = (url: string | undefined): string | undefined => {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

/** The run's stored files as download links (name, type, size). */
export function filesList(files: RunArtifacts['files']): Html {
  if (!files) return empty('Stored files are not available for this run.')
  if (files.length === 0) return empty('No stored files.')
  return html`<table id="run-files"><thead><tr><th scope="col">File</th><th scope="col">Type</th><th scope="col">Size</th></tr></thead><tbody>
${files.map((f) => {
  const url = safeUrl(f.url)
  return html`<tr data-storage-item="${f.id}"><td>${url ? html`<a href="${url}" download="${f.file_name}">${f.file_name}</a>` : f.file_name}</td><td class="mono">${f.file_type}</td><td>${fileSize(f.file_size)}</td></tr>`
})}
</tbody></table>`
}

/** The run's screenshots as thumbnails, each linked to the full image, its reasoning as caption and alt text. */
export function screenshotsGrid(shots: RunArtifacts['screenshots']): Html {
  if (!shots) return empty('Screenshots are not available for this run.')
  if (shots.length === 0) return empty('No screenshots.')
  return html`<div id="run-screenshots" style="display:flex;flex-wrap:wrap;gap:10px">${shots.map((s) => {
    const url = safeUrl(s.url)
    if (!url) return ''
    return html`<figure class="shot" style="margin:0;max-width:220px"><a href="${url}" target="_blank" rel="noopener"><img src="${url}" alt="${s.reasoning}" loading="lazy" style="max-width:220px;max-height:160px;border:1px solid #ccc"></a>
<figcaption class="muted">${s.reasoning} · ${time(s.created_at)}</figcaption></figure>`
  })}</div>`
}

export function taskRunView(data: { run: RunRecord; timeline: DeckEvent[]; expected: Record<string, string> | undefined; artifacts?: RunArtifacts }): Html {
  const r = data.run
  const summary = html`<dl class="kv">
<dt>Status</dt><dd id="task-run-status">${badge(r.status)}${r.result ? html` <span class="muted">${r.result}</span>` : ''}</dd>
<dt>Generation</dt><dd>${runGeneration(r)}</dd>
<dt>Task</dt><dd class="mono">${r.task_id}</dd>
<dt>Agent</dt><dd class="mono">${r.agent_id ?? '—'}</dd>
<dt>On</dt><dd>${runSubject(r)}</dd>
<dt>Runtime</dt><dd>${r.runtime_ms === null || r.runtime_ms === undefined ? '—' : `${r.runtime_ms} ms`}</dd>
<dt>Created</dt><dd>${time(r.created_at)}</dd>
${r.canceled_at ? html`<dt>Canceled</dt><dd>${time(r.canceled_at)}</dd>` : ''}
${r.errors?.length ? html`<dt>Errors</dt><dd>${r.errors.map((e) => html`<code>${e.type}/${e.code}</code> ${e.message ?? ''}<br>`)}</dd>` : ''}
</dl>`
  const io = html`<h3>Input</h3><pre>${prettyJson(r.input ?? null)}</pre><h3>Output</h3><pre>${prettyJson(r.output ?? null)}</pre>
<details><summary>JSON</summary><pre>${prettyJson(r)}</pre></details>`
  const pending = r.interaction
    ? interactionForm(r, r.interaction, data.expected)
    : r.status === 'review_required'
      ? reviewForms(r)
      : html`<p class="empty">Nothing to answer: the run is ${r.status}.</p>`
  return html`<div class="grid">
${card('Task run', summary)}
${card('Pending interaction', pending)}
</div>
${CANCELABLE.has(r.status) ? card('Actions', actionForm('cancel_run', { task_run_id: r.id }, html`<button type="submit" class="danger">Cancel run</button>`, { confirm: 'Cancel this run?' })) : ''}
<div class="grid">
${card('Status history', statusTimeline(data.timeline, 'task_run.'))}
${card('Input and output', io)}
</div>
${
  data.artifacts
    ? html`<div class="grid">
${card(`Stored files (${data.artifacts.files?.length ?? 0})`, filesList(data.artifacts.files))}
${card(`Screenshots (${data.artifacts.screenshots?.length ?? 0})`, screenshotsGrid(data.artifacts.screenshots))}
</div>`
    : ''
}
${card('Events', eventsTable([...data.timeline].reverse(), { compact: true, hideObject: true }))}`
}

export function taskRunsView(runs: RunRecord[] | undefined): Html {
  return card(
    `Task runs (${runs?.length ?? 0})`,
    runs ? runsTable(runs) : empty('Task runs are not available for this tenant (GET /v2/task-runs answers 404).'),
  )
}
