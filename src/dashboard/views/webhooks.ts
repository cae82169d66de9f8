import type { DeckEvent } from '../../domain/types.js'
import type { Delivery, Destination, WebhookData } from '../data.js'
import { html, prettyJson, type Html } from '../html.js'
import { actionForm, badge, card, empty, eventLink, time } from './parts.js'

const NOT_AVAILABLE = 'No destinations: webhooks are not available in this build of the emulator (the event-destination endpoints answer 404).'

/** One attempt row; signed headers (webhook-id, -timestamp, -signature) when the control plane reports them. */
function attemptRows(delivery: Delivery): Html {
  const attempts = Array.isArray(delivery.attempts) ? delivery.attempts : []
  if (attempts.length === 0) return html`<tr><td colspan="4" class="muted">No attempt yet.</td></tr>`
  return html`${attempts.map((a, i) => {
    const headers = (a.headers ?? a.request_headers) as Record<string, string> | undefined
    return html`<tr><td>#${i + 1} ${time(a.at)}</td><td>${a.status_code ?? html`<span class="muted">none</span>`}</td><td>${a.duration_ms} ms</td>
<td>${a.error ? html`<span class="badge s-failure">${a.error}</span>` : ''}${
      headers
        ? html`<details><summary>signed headers</summary><pre>${Object.entries(headers)
            .map(([k, v]) => `${k}: ${v}\n`)
            .join('')}</pre></details>`
        : ''
    }</td></tr>`
  })}`
}

export function deliveryCard(delivery: Delivery, destinations: Destination[]): Html {
  const destination = destinations.find((d) => d.id === delivery.event_destination_id)
  const url = (delivery.url as string | undefined) ?? destination?.webhook.url
  return html`<article class="card delivery" data-delivery="${delivery.id}" data-event-type="${delivery.event_type}">
<h2><span class="mono">${delivery.id}</span> ${badge(delivery.status)} <code>${delivery.event_type}</code></h2>
<p class="muted" style="margin:0 0 8px">event ${eventLink(delivery.event_id)} → ${url ?? delivery.event_destination_id} · created ${time(delivery.created_at)}${delivery.delivered_at ? html` · delivered ${time(delivery.delivered_at)}` : ''}</p>
<table><thead><tr><th scope="col">Attempt</th><th scope="col">Status code</th><th scope="col">Duration</th><th scope="col">Error / headers</th></tr></thead><tbody>${attemptRows(delivery)}</tbody></table></article>`
}

function destinationsTable(destinations: Destination[]): Html {
  if (destinations.length === 0) return empty('No destinations. Create one with POST /v2/event-destinations or list it under destinations: in a scenario.')
  return html`<table><thead><tr><th scope="col">Destination</th><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Status</th></tr></thead><tbody>
${destinations.map((d) => html`<tr><td class="mono">${d.id}${d.name ? html`<br><span class="muted">${d.name}</span>` : ''}</td><td class="mono">${d.webhook.url}</td><td>${d.events.join(', ')}</td><td>${badge(d.status)}</td></tr>`)}
</tbody></table>`
}

export function webhooksView(data: WebhookData): Html {
  if (!data.destinations) return card('Destinations', empty(NOT_AVAILABLE))
  const deliveries = data.deliveries ?? []
  return html`${card('Destinations', destinationsTable(data.destinations))}
<h2>Deliveries (${deliveries.length})</h2>
${deliveries.length ? deliveries.map((d) => deliveryCard(d, data.destinations ?? [])) : card('Deliveries', empty('No delivery yet.'))}`
}

/** An event's payload, its deliveries and a resend button (when destinations exist). */
export function eventView(event: DeckEvent, webhooks: WebhookData): Html {
  const deliveries = (webhooks.deliveries ?? []).filter((d) => d.event_id === event.id)
  const resend = webhooks.destinations?.length
    ? actionForm('resend', { event_id: event.id }, html`<button type="submit">Resend to every destination</button>`)
    : html`<span class="muted">${webhooks.destinations ? 'No destination to resend to.' : NOT_AVAILABLE}</span>`
  return html`${card(
    'Event',
    html`<dl class="kv"><dt>Id</dt><dd class="mono">${event.id}</dd><dt>Type</dt><dd><code>${event.type}</code></dd><dt>Created</dt><dd>${time(event.created_at)}</dd></dl>
<pre>${prettyJson(event)}</pre><p>${resend}</p>`,
  )}
<h2>Deliveries of this event (${deliveries.length})</h2>
${deliveries.length ? deliveries.map((d) => deliveryCard(d, webhooks.destinations ?? [])) : empty(webhooks.destinations ? 'Not delivered to any destination.' : NOT_AVAILABLE)}`
}
