import { CONNECTION_TRANSITIONS } from '../../domain/connection.js'
import type { Connection, DeckEvent, Interaction } from '../../domain/types.js'
import { html, prettyJson, type Html } from '../html.js'
import { eventsTable } from './connections.js'
import type { RunRecord } from '../runs-data.js'
import { runsTable } from './task-runs.js'
import { actionForm, badge, card, time, username } from './parts.js'

/** The pending interaction as the end user would see it: the prompt and one input per field. */
function interactionForm(connection: Connection, interaction: Interaction, expected: Record<string, string> | undefined): Html {
  const fields = interaction.fields.map((field) => {
    const id = `input-${field.name}`
    const control = field.options
      ? html`<select id="${id}" name="input.${field.name}" required>${field.options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select>`
      : html`<input id="${id}" name="input.${field.name}" required autocomplete="one-time-code" ${field.name === 'code' ? html`inputmode="numeric"` : ''}>`
    return html`<div class="field"><label for="${id}">${field.label}</label>${control}</div>`
  })
  // The code a real user would read on their phone; hidden until asked for, like GET …/expected-answer.
  const hint = expected
    ? html`<details class="hint"><summary>What the scenario expects</summary>${Object.entries(expected).map(([k, v]) => html`<code>${k}=${v}</code> `)}</details>`
    : ''
  return html`<div class="prompt"><p style="margin-top:0"><strong>${interaction.type.replace('_', ' ')}</strong> · ${interaction.message}</p>
${actionForm('answer', { connection_id: connection.id }, html`${fields}<button type="submit" class="primary">Submit answer</button>${hint}`, { className: 'answer', label: 'Answer the interaction' })}</div>`
}

function timelineList(events: DeckEvent[]): Html {
  return html`<ol class="timeline" aria-label="Status history">${events.map((e) => {
    const data = e.data as Partial<Connection>
    const detail = data.interaction?.type ?? data.errors?.[0]?.code
    return html`<li>${badge(data.status ?? e.type.replace('connection.', ''))}${detail ? html` <span class="muted">${detail}</span>` : ''}${time(e.created_at)}</li>`
  })}</ol>`
}

function actions(connection: Connection): Html {
  const targets = CONNECTION_TRANSITIONS[connection.status]
  const force = targets.length
    ? actionForm(
        'transition',
        { connection_id: connection.id },
        html`<label for="force-status" class="muted" style="display:inline;font-weight:400">Force</label>
<select id="force-status" name="status">${targets.map((t) => html`<option value="${t}">${t}</option>`)}</select><button type="submit">Apply</button>`,
        { label: 'Force a transition' },
      )
    : html`<span class="muted">Terminated: no transition left.</span>`
  return html`<div style="display:flex;gap:10px;flex-wrap:wrap;align-items:center">${force}
${connection.status === 'disconnected' ? actionForm('reopen', { connection_id: connection.id }, html`<button type="submit">Reopen</button>`) : ''}
${connection.status !== 'terminated' ? actionForm('disconnect', { connection_id: connection.id }, html`<button type="submit" class="danger">Disconnect</button>`, { confirm: 'Terminate this connection? It cannot be undone.' }) : ''}</div>`
}

export function connectionView(data: {
  connection: Connection
  timeline: DeckEvent[]
  expected: Record<string, string> | undefined
  runs?: RunRecord[] | undefined
}): Html {
  const c = data.connection
  const summary = html`<dl class="kv">
<dt>Status</dt><dd id="connection-status">${badge(c.status)}</dd>
<dt>User</dt><dd>${username(c) ?? '—'}</dd>
<dt>External id</dt><dd class="mono">${c.external_id ?? '—'}</dd>
<dt>Source</dt><dd class="mono">${c.source_id}</dd>
<dt>Auth method</dt><dd>${c.auth_method}</dd>
<dt>Last connected</dt><dd>${time(c.last_connected_at)}</dd>
<dt>Created</dt><dd>${time(c.created_at)}</dd>
${c.errors.length ? html`<dt>Errors</dt><dd>${c.errors.map((e) => html`<code>${e.type}/${e.code}</code> ${e.message}<br>`)}</dd>` : ''}
</dl><details style="margin-top:12px"><summary>JSON</summary><pre>${prettyJson(c)}</pre></details>`
  return html`<div class="grid">
${card('Connection', summary)}
${card('Pending interaction', c.interaction ? interactionForm(c, c.interaction, data.expected) : html`<p class="empty">Nothing to answer: the connection is ${c.status}.</p>`)}
</div>
${card('Actions', actions(c))}
${data.runs?.length ? card(`Task runs (${data.runs.length})`, runsTable(data.runs)) : ''}
<div class="grid">
${card('Status history', timelineList(data.timeline))}
${card('Events', eventsTable([...data.timeline].reverse(), { compact: true, hideObject: true }))}
</div>`
}
