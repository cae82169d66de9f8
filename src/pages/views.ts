import type { Interaction } from '../domain/types.js'
import { html, type Raw } from './layout.js'

/** The bodies of the fake source pages. Every element a driver needs has a stable data-testid. */
export const views = {
  login(action: string, username = ''): Raw {
    return html`<div class="card"><h1>Sign in</h1><p class="lead">Use your online banking credentials.</p>
<form method="post" action="${action}" data-testid="login-form">
<label for="username">Username</label><input id="username" name="username" autocomplete="username" value="${username}" data-testid="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" data-testid="password" required>
<button type="submit" data-testid="submit">Sign in</button></form></div>`
  },

  /** An MFA, security-question or account-picker form, built from the same interaction the API shows. */
  interaction(action: string, interaction: Interaction, retry: boolean): Raw {
    const id = interaction.type.replace('_', '-')
    const title = { mfa: 'Verify it’s you', security_question: 'Security question', account_selection: 'Choose an account' }[interaction.type]
    const fields = interaction.fields.map((f) =>
      f.options
        ? html`<label for="${f.name}">${f.label}</label><select id="${f.name}" name="${f.name}" data-testid="${f.name}-input">${f.options.map((o) => html`<option value="${o.value}">${o.label}</option>`)}</select>`
        : html`<label for="${f.name}">${f.label}</label><input id="${f.name}" name="${f.name}" autocomplete="one-time-code" data-testid="${f.name}-input" required>`,
    )
    return html`<div class="card"><h1>${title}</h1>
<form method="post" action="${action}" data-testid="${id}-form" data-interaction-type="${interaction.type}">
<p class="${retry ? 'note bad' : 'lead'}" data-testid="prompt">${interaction.message}</p>
${fields}<button type="submit" data-testid="submit">Continue</button></form></div>`
  },

  rejected(message: string, retryHref: string): Raw {
    return html`<div class="card" data-testid="login-error"><div class="icon bad">✕</div><h1>We couldn’t sign you in</h1>
<p class="note bad" data-testid="error-message">${message}</p><p><a href="${retryHref}" data-testid="try-again">Try again</a></p></div>`
  },

  locked(message: string): Raw {
    return html`<div class="card" data-testid="lockout"><div class="icon bad">!</div><h1>Account locked</h1>
<p class="note bad" data-testid="error-message">${message}</p><p class="lead">Call us to unlock it. (Reset the emulator tenant to start again.)</p></div>`
  },

  /** The `timeout` step: the site keeps "working" and never shows an outcome. */
  working(): Raw {
    return html`<div class="card" data-testid="working"><div class="spinner"></div><h1>Checking your details…</h1><p class="lead">This is taking longer than usual.</p></div>`
  },

  signedIn(username: string, logoutAction: string): Raw {
    return html`<div class="card" data-testid="login-success"><div class="icon good">✓</div><h1>Welcome back</h1>
<p class="note good">Signed in as <b data-testid="signed-in-user">${username}</b>.</p>
<p class="lead">Checking ••••1234 · Savings ••••9876</p>
<form method="post" action="${logoutAction}"><button type="submit" data-testid="logout">Sign out</button></form></div>`
  },

  expired(loginHref: string): Raw {
    return html`<div class="card" data-testid="session-expired"><div class="icon warn">↺</div><h1>Your session has expired</h1>
<p class="lead">For your security you were signed out.</p><p><a href="${loginHref}" data-testid="sign-in-again">Sign in again</a></p></div>`
  },

  notFound(message: string): Raw {
    return html`<div class="card" data-testid="not-found"><h1>Page not found</h1><p class="note warn">${message}</p></div>`
  },
}
