import type { Context } from 'hono'
import { getCookie, setCookie, deleteCookie } from 'hono/cookie'
import { KEY_PATTERN } from '../domain/api-key.js'

export const UI_BASE = '/_emulator/ui'
const COOKIE = 'deck_emulator_key'

/**
 * A browser cannot send a Bearer header when it navigates, so the dashboard
 * takes the key once as `?key=` and keeps it in an HttpOnly, SameSite=Strict
 * cookie scoped to the dashboard's path (scripts cannot read it, other sites
 * cannot send it). A Bearer header works too (tests, curl).
 */
export function keyFromRequest(c: Context, keys: ReadonlySet<string> | undefined): { key?: string; error?: string; fromQuery: boolean } {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
  const query = c.req.query('key')
  const key = bearer ?? query ?? getCookie(c, COOKIE)
  if (!key) return { fromQuery: false }
  if (!KEY_PATTERN.test(key)) return { error: 'That is not an API key: expected sk_test_… or sk_live_…', fromQuery: !!query }
  if (keys && !keys.has(key)) return { error: 'This emulator was started with --keys and that key is not one of them.', fromQuery: !!query }
  return { key, fromQuery: !bearer && !!query }
}

export function rememberKey(c: Context, key: string): void {
  setCookie(c, COOKIE, key, { path: UI_BASE, httpOnly: true, sameSite: 'Strict' })
}

export function forgetKey(c: Context): void {
  deleteCookie(c, COOKIE, { path: UI_BASE })
}

/**
 * CSRF guard for the dashboard's POSTs: besides the SameSite=Strict cookie,
 * a post must come from the page's own origin (Origin header) or carry the
 * header the page's script sets (which a cross-site form cannot add).
 */
export function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin')
  if (origin) {
    try {
      return new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host)
    } catch {
      return false
    }
  }
  return c.req.header('x-deck-ui') === '1'
}
