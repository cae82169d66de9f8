import type { Page } from 'playwright-core'

/**
 * Code that runs inside the page. Kept as plain JavaScript text on purpose:
 * a transpiler (tsx, vitest) may wrap TypeScript functions with helpers
 * such as `__name` that do not exist in the page.
 */
const IN_PAGE = String.raw`
const clean = (s) => (s ?? '').replace(/\s+/g, ' ').trim()
// Marks what matches now as seen, with its text: after a submit only a new or changed element counts as the next page.
function markSeen(selectors) {
  for (const selector of selectors) {
    try { document.querySelectorAll(selector).forEach((el) => el.setAttribute('data-deck-seen', clean(el.textContent).slice(0, 300))) } catch {}
  }
  return true
}
// The first probe with a visible element that is new (or whose text changed), in probe order.
function findOutcome(probes) {
  for (const probe of probes) {
    let elements
    try { elements = Array.from(document.querySelectorAll(probe.selector)) }
    catch (error) { return { key: 'bad_selector', text: probe.key + ': ' + probe.selector + ' is not a valid CSS selector (' + error.message + ')' } }
    for (const el of elements) {
      const text = clean(el.textContent)
      if (el.getAttribute('data-deck-seen') === text.slice(0, 300)) continue
      const visible = (el.checkVisibility ? el.checkVisibility() : true) && el.getClientRects().length > 0
      if (visible) return { key: probe.key, text: text.slice(0, 500) }
    }
  }
  return null
}
// What an interaction asks: its message and its inputs, with labels and (for a select) options.
function readInteraction(spec) {
  const box = document.querySelector(spec.selector)
  const inputs = spec.input_selector
    ? [document.querySelector(spec.input_selector)].filter(Boolean)
    : Array.from(box ? box.querySelectorAll('input[name]:not([type=hidden]):not([type=submit]):not([type=button]), select[name], textarea[name]') : [])
  const labelOf = (el) => {
    const byFor = el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]') : null
    return clean(byFor && byFor.textContent) || clean(el.getAttribute('aria-label')) || clean(el.getAttribute('placeholder')) || clean(el.closest('label') && el.closest('label').textContent)
  }
  const fields = inputs.map((el) => {
    const field = { name: el.getAttribute('name') || '', label: labelOf(el) }
    if (el.tagName === 'SELECT') field.options = Array.from(el.options).map((o) => ({ value: o.value, label: clean(o.text) }))
    return field
  })
  const message = spec.message_selector ? clean(document.querySelector(spec.message_selector)?.textContent) : ''
  return { message, fields }
}
`

const call = <T>(page: Page, fn: string, arg: unknown): Promise<T> =>
  page.evaluate(`(() => { ${IN_PAGE}; return ${fn}(${JSON.stringify(arg)}) })()`) as Promise<T>

export interface Probe {
  key: string
  selector: string
}

export interface FieldRead {
  name: string
  label: string
  options?: { value: string; label: string }[]
}

export const probe = {
  markSeen: (page: Page, selectors: string[]) => call<boolean>(page, 'markSeen', selectors),
  findOutcome: (page: Page, probes: Probe[]) => call<{ key: string; text: string } | null>(page, 'findOutcome', probes),
  readInteraction: (page: Page, spec: { selector: string; input_selector?: string | undefined; message_selector?: string | undefined }) =>
    call<{ message: string; fields: FieldRead[] }>(page, 'readInteraction', spec),
}
