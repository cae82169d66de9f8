import type { Page } from 'playwright-core'
import { setTimeout as sleep } from 'node:timers/promises'
import { CANONICAL_FIELD, type BrowserInteractionSpec, type BrowserSiteSpec } from '../domain/login-with.js'
import type { Interaction, InteractionField } from '../domain/types.js'
import type { LoginOutcome } from '../connections/login-drivers.js'
import { probe, type Probe } from './page-probe.js'

const DEFAULT_LABEL = { mfa: 'Verification code', security_question: 'Answer', account_selection: 'Account' } as const

/**
 * Drives one login page with CSS selectors: fills the credentials, waits
 * for the page that comes next and says what it is (success, error,
 * lockout, a question), types answers. Knows nothing of tenants or the API.
 */
export class PageLogin {
  /** Where each field of the pending interaction is typed, and how it is submitted. */
  private pending: { fields: { name: string; selector: string }[]; submit: string } | undefined

  constructor(
    private readonly page: Page,
    private readonly spec: BrowserSiteSpec,
    private readonly timeout: number,
    private readonly shoot: (step: string) => Promise<void>,
  ) {}

  async start(url: string, username: string, password: string): Promise<LoginOutcome> {
    try {
      await this.page.goto(url, { timeout: this.timeout, waitUntil: 'domcontentloaded' })
    } catch (error) {
      await this.shoot('load_failed')
      return { kind: 'timeout', message: `The login page ${url} did not load: ${firstLine(error)}` }
    }
    const missing = await this.fill([
      [this.spec.username_selector, username, 'username_selector'],
      [this.spec.password_selector, password, 'password_selector'],
    ])
    if (missing) return missing
    await this.shoot('credentials_filled')
    return this.submit(this.spec.submit_selector, 'submit_selector')
  }

  async answer(inputs: Record<string, unknown>): Promise<LoginOutcome> {
    const pending = this.pending
    if (!pending) return { kind: 'timeout', message: 'The page asked nothing that could be answered.' }
    for (const field of pending.fields) {
      const value = String(inputs[field.name] ?? '')
      const input = this.page.locator(field.selector).first()
      try {
        const tag = await input.evaluate((el) => el.tagName, undefined, { timeout: this.timeout })
        if (tag === 'SELECT') await input.selectOption(value, { timeout: this.timeout })
        else await input.fill(value, { timeout: this.timeout })
      } catch (error) {
        await this.shoot('answer_failed')
        return { kind: 'timeout', message: `Could not type the answer into \`${field.selector}\`: ${firstLine(error)}` }
      }
    }
    await this.shoot('answer_filled')
    return this.submit(pending.submit, 'interaction.submit_selector')
  }

  /** After a session drop: reload, and keep a picture of what the site says now (`logged_out` when it shows its expired page). */
  async recordLoggedOut(): Promise<void> {
    await this.page.reload({ timeout: this.timeout, waitUntil: 'domcontentloaded' }).catch(() => {})
    const selector = this.spec.expired_selector
    const seen = selector
      ? await this.page
          .locator(selector)
          .first()
          .waitFor({ timeout: Math.min(this.timeout, 5000) })
          .then(
            () => true,
            () => false,
          )
      : false
    await this.shoot(seen ? 'logged_out' : 'session_ended')
  }

  private async fill(entries: [selector: string, value: string, option: string][]): Promise<LoginOutcome | undefined> {
    for (const [selector, value, option] of entries) {
      try {
        await this.page.locator(selector).first().fill(value, { timeout: this.timeout })
      } catch (error) {
        await this.shoot('form_not_found')
        return { kind: 'timeout', message: `The login page ${this.page.url()} has no usable ${option} \`${selector}\`: ${firstLine(error)}` }
      }
    }
    return undefined
  }

  private async submit(selector: string, option: string): Promise<LoginOutcome> {
    const probes = this.probes()
    await probe
      .markSeen(
        this.page,
        probes.map((p) => p.selector),
      )
      .catch(() => {})
    try {
      await this.page.locator(selector).first().click({ timeout: this.timeout })
    } catch (error) {
      await this.shoot('submit_failed')
      return { kind: 'timeout', message: `Could not click ${option} \`${selector}\`: ${firstLine(error)}` }
    }
    return this.outcome(probes)
  }

  private probes(): Probe[] {
    const s = this.spec
    return [
      ...(s.blocked_selector ? [{ key: 'blocked', selector: s.blocked_selector }] : []),
      ...(s.error_selector ? [{ key: 'error', selector: s.error_selector }] : []),
      ...(s.expired_selector ? [{ key: 'expired', selector: s.expired_selector }] : []),
      ...s.interactions.map((i, n) => ({ key: `interaction:${n}`, selector: i.selector })),
      { key: 'success', selector: s.success_selector },
    ]
  }

  /** Polls until a new outcome element shows (pages navigate meanwhile, so evaluation errors just mean "not yet"). */
  private async outcome(probes: Probe[]): Promise<LoginOutcome> {
    const deadline = performance.now() + this.timeout
    let found: { key: string; text: string } | null = null
    while (!found && performance.now() < deadline) {
      found = await probe.findOutcome(this.page, probes).catch(() => null)
      if (!found) await sleep(50)
    }
    this.pending = undefined
    if (!found) {
      await this.shoot('timeout')
      return {
        kind: 'timeout',
        message: `No login outcome within ${this.timeout / 1000}s at ${this.page.url()}: none of the success, error or interaction selectors appeared.`,
      }
    }
    const key = found.key
    if (key.startsWith('interaction:')) return this.interaction(this.spec.interactions[Number(key.slice(12))]!)
    await this.shoot(key === 'success' ? 'connected' : key)
    switch (key) {
      case 'success':
        return { kind: 'connected' }
      case 'error':
        return { kind: 'invalid', message: found.text || 'The site rejected the credentials.' }
      case 'blocked':
        return { kind: 'blocked', message: found.text || 'The site blocked the login.' }
      case 'expired':
        return { kind: 'timeout', message: `The site ended its session during the login (${found.text}).` }
      default:
        return { kind: 'timeout', message: `The page misbehaves: ${found.text}` }
    }
  }

  private async interaction(spec: BrowserInteractionSpec): Promise<LoginOutcome> {
    const read = await probe.readInteraction(this.page, spec).catch(() => ({ message: '', fields: [] }))
    await this.shoot(`interaction_${spec.type}`)
    const single = spec.input_selector !== undefined || (spec.field !== undefined && read.fields.length === 1)
    const fields = read.fields.map((f) => ({ ...f, name: single ? (spec.field ?? CANONICAL_FIELD[spec.type]) : f.name || CANONICAL_FIELD[spec.type] }))
    if (fields.length === 0) return { kind: 'timeout', message: `The ${spec.type} page (\`${spec.selector}\`) has no input to type an answer into.` }
    this.pending = {
      submit: spec.submit_selector,
      fields: fields.map((f, i) => ({ name: f.name, selector: spec.input_selector ?? `${spec.selector} [name="${read.fields[i]!.name}"]` })),
    }
    const apiFields: InteractionField[] = fields.map((f) => ({
      name: f.name,
      type: 'string',
      label: f.label || DEFAULT_LABEL[spec.type],
      ...(f.options ? { options: f.options } : {}),
    }))
    const interaction: Interaction = { type: spec.type, message: read.message || apiFields[0]!.label, fields: apiFields }
    return { kind: 'interaction', interaction }
  }
}

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split('\n')[0]
