import * as z from 'zod'
import { DEFAULT_BROWSER_TIMEOUT, type BrowserSiteSpec, type LoginWith } from '../domain/login-with.js'
import { INTERACTION_TYPES } from '../domain/types.js'
import { Duration } from './durations.js'

const SITE_SELECTORS = ['username_selector', 'password_selector', 'submit_selector', 'success_selector'] as const

/** Made when the scenario schema is built (scenario/schema.ts, on first use), like the schema below. */
function browserOptions() {
  const Selector = z.string().min(1, 'expected a CSS selector')

  const InteractionSpec = z.strictObject({
    type: z.enum(INTERACTION_TYPES).default('mfa'),
    selector: Selector,
    input_selector: Selector.optional(),
    submit_selector: Selector,
    message_selector: Selector.optional(),
    field: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/i, 'expected a field name like code')
      .optional(),
  })

  return z
    .strictObject({
      url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL of the login page' }).optional(),
      username_selector: Selector.optional(),
      password_selector: Selector.optional(),
      submit_selector: Selector.optional(),
      success_selector: Selector.optional(),
      error_selector: Selector.optional(),
      blocked_selector: Selector.optional(),
      expired_selector: Selector.optional(),
      interaction: z.union([InteractionSpec, z.array(InteractionSpec)]).optional(),
      timeout: Duration.optional(),
    })
    .superRefine((value, ctx) => {
      const hasSelectors = Object.entries(value).some(([k, v]) => k !== 'timeout' && k !== 'url' && v !== undefined)
      if (value.url === undefined) {
        if (hasSelectors)
          ctx.addIssue({ code: 'custom', message: "selectors need a `url` (without one, the source's own fake site is used and its selectors are built in)" })
        return
      }
      for (const key of SITE_SELECTORS) {
        if (value[key] === undefined) ctx.addIssue({ code: 'custom', message: `required with \`url\`: ${key}`, path: [key] })
      }
    })
}

/**
 * `login_with: script | browser | { browser: { url, …selectors } }`. Parsed
 * by hand first so a typo gets its own message instead of a union dump.
 */
export function loginWithSchema() {
  const BrowserOptions = browserOptions()
  return z.unknown().transform((raw, ctx): LoginWith => {
    if (raw === 'script') return { mode: 'script' }
    if (raw === 'browser') return { mode: 'browser', timeout: DEFAULT_BROWSER_TIMEOUT }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).join() !== 'browser') {
      ctx.addIssue({ code: 'custom', message: 'expected `script`, `browser` or `{ browser: { url, username_selector, … } }`' })
      return z.NEVER
    }
    const parsed = BrowserOptions.safeParse((raw as { browser: unknown }).browser ?? {})
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: ['browser', ...issue.path] as PropertyKey[] })
      return z.NEVER
    }
    const o = parsed.data
    const timeout = o.timeout ?? DEFAULT_BROWSER_TIMEOUT
    if (o.url === undefined) return { mode: 'browser', timeout }
    const interactions = o.interaction === undefined ? [] : Array.isArray(o.interaction) ? o.interaction : [o.interaction]
    const site: BrowserSiteSpec = {
      url: o.url,
      username_selector: o.username_selector!,
      password_selector: o.password_selector!,
      submit_selector: o.submit_selector!,
      success_selector: o.success_selector!,
      ...(o.error_selector ? { error_selector: o.error_selector } : {}),
      ...(o.blocked_selector ? { blocked_selector: o.blocked_selector } : {}),
      ...(o.expired_selector ? { expired_selector: o.expired_selector } : {}),
      interactions: interactions.map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)) as typeof i),
    }
    return { mode: 'browser', site, timeout }
  })
}
