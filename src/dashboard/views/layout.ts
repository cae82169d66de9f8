import { html, raw, type Html } from '../html.js'
import { UI_BASE } from '../auth.js'
import { CLIENT } from './client.js'
import { keyLabel } from '../../log/logger.js'
import { actionForm } from './parts.js'
import { STYLES } from './styles.js'

export type Section = 'connections' | 'task-runs' | 'credentials' | 'sessions' | 'events' | 'webhooks'

export interface Chrome {
  key: string
  clock: { mode: string; now: string }
  section: Section
  title: string
}

const NAV: [Section, string, string][] = [
  ['connections', 'Connections', UI_BASE],
  ['task-runs', 'Task runs', `${UI_BASE}/task-runs`],
  ['credentials', 'Credentials', `${UI_BASE}/credentials`],
  ['sessions', 'Sessions', `${UI_BASE}/sessions`],
  ['events', 'Events', `${UI_BASE}/events`],
  ['webhooks', 'Webhooks', `${UI_BASE}/webhooks`],
]

/** The part that live updates replace: top bar, clock bar and the view itself. */
export function appContent(chrome: Chrome, body: Html): Html {
  return html`<header class="top">
  <span class="brand">deck-emulator</span>
  <nav aria-label="Sections">${NAV.map(([id, label, href]) => html`<a href="${href}" ${id === chrome.section ? raw('aria-current="page"') : ''}>${label}</a>`)}</nav>
  <span class="spacer"></span>
  <span class="tenant" title="Each API key is its own tenant">key ${keyLabel(chrome.key)} · <a href="${UI_BASE}/logout" style="color:#9ca3af">switch</a></span>
</header>
<div class="bar" role="region" aria-label="Clock and reset">
  <span class="clock" aria-label="Emulator clock"><span class="muted">Clock</span> ${chrome.clock.now.slice(0, 10)} ${chrome.clock.now.slice(11, 19)} UTC <span class="muted">(${chrome.clock.mode})</span></span>
  ${actionForm('advance', { by: '1m' }, html`<button type="submit">+1m</button>`, { label: 'Advance 1 minute' })}
  ${actionForm('advance', { by: '10m' }, html`<button type="submit">+10m</button>`, { label: 'Advance 10 minutes' })}
  ${actionForm('advance', {}, html`<label for="advance-by" class="muted" style="display:inline;font-weight:400">advance</label><input id="advance-by" name="by" placeholder="2h" size="5" required><button type="submit">Go</button>`, { label: 'Advance the clock by' })}
  <span class="spacer" style="flex:1"></span>
  ${actionForm('reset', {}, html`<button type="submit" class="danger">Reset tenant</button>`, { confirm: 'Reset this tenant to its scenario? Connections and events are dropped.', label: 'Reset' })}
</div>
<main id="main" tabindex="-1"><h1>${chrome.title}</h1>${body}</main>`
}

export function page(chrome: Chrome, body: Html): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${chrome.title} · deck-emulator</title><style>${raw(STYLES)}</style></head>
<body><a class="skip" href="#main">Skip to content</a>
<div id="app">${appContent(chrome, body)}</div>
<div id="toast" role="status" aria-live="polite"></div>
<span id="live" class="live" aria-live="off">connecting…</span>
<script>${raw(CLIENT)}</script></body></html>`
}

/** Before a key is known: one field, and a reminder of where the key comes from. */
export function loginPage(error?: string): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sign in · deck-emulator</title><style>${raw(STYLES)}</style></head>
<body><main class="login"><section class="card"><h1>deck-emulator dashboard</h1>
<p class="muted">Each API key is its own tenant. Enter the key your app uses (the emulator's start banner prints one).</p>
${error ? html`<p class="badge s-invalid" role="alert">${error}</p>` : ''}
<form method="get" action="${UI_BASE}"><div class="field"><label for="key">API key</label>
<input id="key" name="key" placeholder="sk_test_emulator" required autofocus style="width:100%"></div>
<button type="submit" class="primary">Open dashboard</button></form></section></main></body></html>`
}
