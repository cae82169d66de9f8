/**
 * Tagged-template HTML with escaping by default: every interpolated value is
 * escaped unless it is already `Html` (built by this same tag or `raw`).
 * Connection external_ids, usernames and event payloads are user input, so
 * no view ever concatenates strings into markup by hand.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Part = Html | string | number | boolean | null | undefined | Part[]

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return ''
  if (part instanceof Html) return part.value
  if (Array.isArray(part)) return part.map(render).join('')
  return escapeHtml(String(part))
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!
  })
  return new Html(out)
}

/** Trusted markup only (the page's own CSS and script). */
export const raw = (text: string) => new Html(text)

/** JSON for a <pre>, escaped. */
export const prettyJson = (value: unknown) => html`${JSON.stringify(value, null, 2)}`
