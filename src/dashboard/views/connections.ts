import type { Connection, DeckEvent, Source } from '../../domain/types.js'
import { html, type Html } from '../html.js'
import { badge, card, connectionLink, empty, eventLink, time, username } from './parts.js'

export function sourcesTable(sources: Source[]): Html {
  if (sources.length === 0) return empty('No sources yet. Create one with POST /v2/sources or load a scenario.')
  return html`<table><thead><tr><th scope="col">Source</th><th scope="col">Name</th><th scope="col">Website</th></tr></thead><tbody>
${sources.map((s) => html`<tr><td class="mono">${s.id}</td><td>${s.name}</td><td class="muted">${s.website.url}</td></tr>`)}
</tbody></table>`
}

export function connectionsTable(connections: Connection[]): Html {
  if (connections.length === 0) {
    return empty('No connections yet. Create one with POST /v2/connections (username user_mfa asks for a code) and it appears here.')
  }
  return html`<table id="connections"><thead><tr><th scope="col">Connection</th><th scope="col">User</th><th scope="col">External id</th><th scope="col">Source</th><th scope="col">Status</th><th scope="col">Updated</th></tr></thead><tbody>
${connections.map((c) => html`<tr data-connection="${c.id}">
<td>${connectionLink(c.id)}</td><td>${username(c) ?? html`<span class="muted">—</span>`}</td>
<td class="mono">${c.external_id ?? html`<span class="muted">—</span>`}</td><td class="mono">${c.source_id}</td>
<td>${badge(c.status)}${c.interaction ? html` <span class="muted">${c.interaction.type}</span>` : ''}</td><td>${time(c.updated_at)}</td></tr>`)}
</tbody></table>`
}

export function eventsTable(events: DeckEvent[], options: { caption?: string } = {}): Html {
  if (events.length === 0) return empty('No events yet.')
  return html`<table class="events">${options.caption ? html`<caption class="muted" style="text-align:left">${options.caption}</caption>` : ''}
<thead><tr><th scope="col">Event</th><th scope="col">Type</th><th scope="col">Object</th><th scope="col">At</th></tr></thead><tbody>
${events.map((e) => {
    const id = String((e.data as { id?: unknown }).id ?? '')
    return html`<tr data-event-type="${e.type}"><td>${eventLink(e.id)}</td><td><code>${e.type}</code></td>
<td>${id.startsWith('conn_') ? connectionLink(id) : html`<span class="mono">${id}</span>`}</td><td>${time(e.created_at)}</td></tr>`
  })}
</tbody></table>`
}

/** The landing view: what a developer looks at while their app runs. */
export function overviewView(data: { sources: Source[]; connections: Connection[]; events: DeckEvent[] }): Html {
  return html`${card(`Connections (${data.connections.length})`, connectionsTable(data.connections))}
<div class="grid">
${card('Sources', sourcesTable(data.sources))}
${card('Latest events', eventsTable(data.events.slice(0, 8)), html` <a href="/_emulator/ui/events" style="font-weight:400;font-size:13px">all events →</a>`)}
</div>`
}
