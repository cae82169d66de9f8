import type { Connection } from '../../domain/types.js'
import { html, type Html } from '../html.js'
import { UI_BASE } from '../auth.js'

/** A status (connection, delivery, destination) as a coloured pill. */
export const badge = (status: string | null | undefined) =>
  html`<span class="badge s-${String(status ?? 'unknown').replace(/[^a-z_]/gi, '')}">${status ?? '—'}</span>`

/** Emulator time, the way the events carry it: date and time, UTC. */
export const time = (iso: string | null | undefined) =>
  iso ? html`<time datetime="${iso}" title="${iso}">${iso.slice(0, 10)} ${iso.slice(11, 19)}</time>` : html`<span class="muted">—</span>`

export const username = (c: Connection) => {
  const creds = c.auth_credentials
  return creds ? ('username' in creds ? creds.username : creds.email) : null
}

export const connectionLink = (id: string, label?: Html | string) => html`<a class="mono" href="${UI_BASE}/connections/${id}">${label ?? id}</a>`
export const runLink = (id: string) => html`<a class="mono" href="${UI_BASE}/task-runs/${id}">${id}</a>`
export const credentialLink = (id: string) => html`<a class="mono" href="${UI_BASE}/credentials/${id}">${id}</a>`
export const sessionLink = (id: string) => html`<a class="mono" href="${UI_BASE}/sessions/${id}">${id}</a>`
export const eventLink = (id: string) => html`<a class="mono" href="${UI_BASE}/events/${id}">${id}</a>`

/** A form posted to a dashboard action; the page's script sends it with fetch, without it the browser posts it. */
export function actionForm(
  action: string,
  fields: Record<string, string>,
  body: Html,
  attrs: { confirm?: string; className?: string; label?: string } = {},
): Html {
  return html`<form method="post" action="${UI_BASE}/actions/${action}" class="${attrs.className ?? 'inline'}" data-action ${attrs.confirm ? html`data-confirm="${attrs.confirm}"` : ''} ${attrs.label ? html`aria-label="${attrs.label}"` : ''}>
${Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}${body}</form>`
}

export const card = (title: string, body: Html, extra?: Html) =>
  html`<section class="card" aria-label="${title}"><h2>${title}${extra ?? ''}</h2>${body}</section>`

export const empty = (text: string) => html`<p class="empty">${text}</p>`
