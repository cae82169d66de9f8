import type { Connection, DeckEvent, Source } from '../../domain/types.js'
import { html, type Html } from '../html.js'
import { badge, card, connectionLink, credentialLink, empty, eventLink, runLink, sessionLink, time, username } from './parts.js'

export function sourcesTable(sources: Source[]): Html {
  if (sources.length === 0) return empty('No sources yet. Create one with POST /v2/sources or load a scenario.')
  return html`<table><thead><tr><th scope="col">Source</th><th scope="col">Website</th></tr></thead><tbody>
${sources.map((s) => html`<tr><td>${s.name}<br><span class="mono muted">${s.id}</span></td><td class="muted" style="word-break:break-all">${s.website.url}</td></tr>`)}
</tbody></table>`
}

export function connectionsTable(connections: Connection[]): Html {
  if (connections.length === 0) {
    return empty('No connections yet. Create one with POST /v2/connections (username user_mfa asks for a code) and it appears here.')
  }
  return html`<table id="connections"><thead><tr><th scope="col">Connection</th><th scope="col">User</th><th scope="col">External id</th><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Updated</th></tr></thead><tbody>
${connections.map(
  (c) => html`<tr data-connection="${c.id}">
<td>${connectionLink(c.id)}</td><td>${username(c) ?? html`<span class="muted">—</span>`}</td>
<td class="mono">${c.external_id ?? html`<span class="muted">—</span>`}</td><td class="mono">${c.source_id}</td>
<td>${badge(c.status)}${c.interaction ? html` <span class="muted">${c.interaction.type}</span>` : ''}</td><td>${time(c.updated_at)}</td></tr>`,
)}
</tbody></table>`
}

/** Events newest first; `compact` (beside other panels) links the type and shows the time of day only. */
export function eventsTable(events: DeckEvent[], options: { compact?: boolean; hideObject?: boolean } = {}): Html {
  if (events.length === 0) return empty('No events yet.')
  const object = (e: DeckEvent) => {
    const id = String((e.data as { id?: unknown }).id ?? '')
    return id.startsWith('conn_')
      ? connectionLink(id)
      : id.startsWith('trun_')
        ? runLink(id)
        : id.startsWith('cred_')
          ? credentialLink(id)
          : id.startsWith('sess_')
            ? sessionLink(id)
            : html`<span class="mono">${id}</span>`
  }
  if (options.compact) {
    return html`<table class="events"><thead><tr><th scope="col">Type</th>${options.hideObject ? '' : html`<th scope="col">Object</th>`}<th scope="col">At</th></tr></thead><tbody>
${events.map(
  (
    e,
  ) => html`<tr data-event-type="${e.type}"><td><a href="/_emulator/ui/events/${e.id}"><code>${e.type}</code></a></td>${options.hideObject ? '' : html`<td>${object(e)}</td>`}
<td><time datetime="${e.created_at}" title="${e.created_at}">${e.created_at.slice(11, 19)}</time></td></tr>`,
)}
</tbody></table>`
  }
  return html`<table class="events"><thead><tr><th scope="col">Event</th><th scope="col">Type</th><th scope="col">Object</th><th scope="col">At</th></tr></thead><tbody>
${events.map((e) => html`<tr data-event-type="${e.type}"><td>${eventLink(e.id)}</td><td><code>${e.type}</code></td><td>${object(e)}</td><td>${time(e.created_at)}</td></tr>`)}
</tbody></table>`
}

/** The landing view: what a developer looks at while their app runs. */
export function overviewView(data: { sources: Source[]; connections: Connection[]; events: DeckEvent[] }): Html {
  return html`${card(`Connections (${data.connections.length})`, connectionsTable(data.connections))}
<div class="grid split">
${card('Sources', sourcesTable(data.sources))}
${card('Latest events', eventsTable(data.events.slice(0, 8), { compact: true }), html` <a href="/_emulator/ui/events" style="font-weight:400;font-size:13px">all events →</a>`)}
</div>`
}
