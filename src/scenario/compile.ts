import { DEFAULT_TIMINGS, type SourceScript } from '../domain/login-script.js'
import type { ScenarioSource } from './types.js'

const KNOWN = new Set([
  'id',
  'name',
  'url',
  'login_delay',
  'idle_timeout',
  'interaction_timeout',
  'accounts',
  'otherwise',
  'login_with',
  'page_delay',
  'lockout_after',
])

/** A scenario source → the script the login runner plays, with defaults filled in. */
export function compileSource(source: ScenarioSource): SourceScript {
  const extras = Object.fromEntries(Object.entries(source).filter(([k]) => !KNOWN.has(k)))
  return {
    id: source.id,
    name:
      source.name ??
      source.id
        .replace(/^src_/, '')
        .replace(/_/g, ' ')
        .replace(/\b\w/g, (c) => c.toUpperCase()),
    url: source.url ?? `https://${source.id.replace(/^src_/, '').replace(/_/g, '-')}.example.com`,
    login_delay: source.login_delay ?? DEFAULT_TIMINGS.login_delay,
    idle_timeout: source.idle_timeout ?? DEFAULT_TIMINGS.idle_timeout,
    interaction_timeout: source.interaction_timeout ?? DEFAULT_TIMINGS.interaction_timeout,
    accounts: source.accounts,
    otherwise: source.otherwise,
    ...(source.login_with ? { login_with: source.login_with } : {}),
    ...(source.page_delay !== undefined ? { page_delay: source.page_delay } : {}),
    ...(source.lockout_after !== undefined ? { lockout_after: source.lockout_after } : {}),
    ...(Object.keys(extras).length ? { extras } : {}),
  }
}
