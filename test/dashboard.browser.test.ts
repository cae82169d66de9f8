import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { launchChromium } from './helpers/chromium.js'
import { expectWebhookListed, waitForConnectionStatus } from './helpers/dashboard.js'
import { WebhookReceiver } from './helpers/webhook-receiver.js'

/** The dashboard in a real Chromium: the way a developer uses it beside their app. */
describe('dashboard in a real browser', () => {
  let emulator: Emulator
  let browser: Browser
  let url: string

  beforeAll(async () => {
    emulator = await createEmulator({ clock: 'manual' })
    url = (await emulator.listen(0)).url
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
  })

  async function open(key: string): Promise<Page> {
    const page = await browser.newPage()
    await page.goto(`${url}/_emulator/ui?key=${key}`)
    // The key went into the cookie and out of the address bar.
    expect(new URL(page.url()).search).toBe('')
    await page.locator('#live.on').waitFor({ timeout: 10_000 })
    // Marks this document: if the page reloaded, the mark would be gone.
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true))
    return page
  }
  const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true)

  it('shows a connection made with curl, answers its MFA in the form, and sees it connected and its events', async () => {
    const key = freshKey('browser')
    const receiver = await WebhookReceiver.start()
    const page = await open(key)
    const client = api((p, i) => fetch(url + p, i), key)
    await client.post('/v2/event-destinations', { name: 'My app', type: 'webhook', events: ['connection.connected'], webhook: { url: receiver.url } })
    // A keyboard user's focus survives the live updates below.
    await page.getByRole('link', { name: 'Webhooks' }).focus()
    const source = (await client.post('/v2/sources', { type: 'website', name: 'Acme Bank', website: { url: 'https://bank.example.com' } })).body.id
    const id = (
      await client.post('/v2/connections', {
        source_id: source,
        auth_method: 'username_password',
        auth_credentials: { username: 'user_mfa', password: 'pw' },
        external_id: '<img src=x onerror=alert(1)>',
      })
    ).body.id

    const row = page.locator(`tr[data-connection="${id}"]`)
    await row.getByText('interaction_required').waitFor({ timeout: 10_000 })
    // User input shows as text, never as markup.
    await row.getByText('<img src=x onerror=alert(1)>').waitFor()
    expect(await page.locator('img').count()).toBe(0)
    expect(await notReloaded(page)).toBe(true)
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Webhooks')

    // Keyboard only: focus the connection's link, open it, type the code, press Enter.
    await row.getByRole('link', { name: id }).focus()
    await page.keyboard.press('Enter')
    await page.getByLabel('Verification code').waitFor()
    await page.getByLabel('Verification code').focus()
    await page.keyboard.type('123456')
    await page.keyboard.press('Enter')
    await waitForConnectionStatus(page, 'connected')
    expect((await client.get(`/v2/connections/${id}`)).body.status).toBe('connected')
    await page.getByRole('region', { name: 'Status history' }).getByText('connected', { exact: true }).waitFor()

    await page.getByRole('link', { name: 'Events' }).click()
    await page.locator('tr[data-event-type="connection.connected"]').first().waitFor()
    const types = await page.locator('table.events tr[data-event-type]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-type')))
    expect(types.slice(0, 4)).toEqual(['connection.connected', 'connection.connecting', 'connection.interaction_required', 'connection.connecting'])
    // The signed webhook went out to the receiver and is listed with its 200.
    await expectWebhookListed(page, url, 'connection.connected', 200)
    expect(receiver.received.some((r) => JSON.parse(r.body).type === 'connection.connected')).toBe(true)
    await receiver.stop()
  })

  it('picks an account from the select, forces a transition and advances the clock from the page', async () => {
    const key = freshKey('browser')
    const page = await open(key)
    const client = api((p, i) => fetch(url + p, i), key)
    const source = (await client.post('/v2/sources', { type: 'website', website: { url: 'https://bank.example.com' } })).body.id
    const id = (
      await client.post('/v2/connections', {
        source_id: source,
        auth_method: 'username_password',
        auth_credentials: { username: 'user_accounts', password: 'pw' },
      })
    ).body.id
    await page.goto(`${url}/_emulator/ui/connections/${id}`)
    await waitForConnectionStatus(page, 'interaction_required')
    const select = page.locator('select[name^="input."]')
    const second = await select.locator('option').nth(1).getAttribute('value')
    await select.selectOption(second!)
    await page.getByRole('button', { name: 'Submit answer' }).click()
    await waitForConnectionStatus(page, 'connected')

    await page.locator('#force-status').selectOption('disconnected')
    await page.getByRole('button', { name: 'Apply' }).click()
    await waitForConnectionStatus(page, 'disconnected')
    await page.getByRole('status').getByText('Moved to disconnected.').waitFor()

    const before = (await client.get('/_emulator/clock')).body.now as string
    await page.getByRole('button', { name: '+10m' }).click()
    const after = new Date(Date.parse(before) + 600_000).toISOString()
    await page.locator('.clock', { hasText: after.slice(11, 19) }).waitFor()
  })
})
