import { readFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { launchChromium } from './helpers/chromium.js'

const SCENARIO = {
  name: 'browser-credentials-dashboard',
  sources: [{ id: 'src_shop' }],
  agents: [{ id: 'agt_a', name: 'Agent A' }],
  tasks: [
    { id: 'task_plain', agent_id: 'agt_a', name: 'Plain', run: [{ duration: '1s' }, { output: { ok: true } }] },
    {
      id: 'task_files',
      agent_id: 'agt_a',
      name: 'Files',
      storage: { enabled: true },
      run: [
        { reasoning: 'Opening the statements page' },
        { duration: '12s' },
        { files: [{ name: 'summary.csv', type: 'text/csv', content: 'month,total\njan,42.10\n' }] },
        { output: { count: 1 } },
      ],
    },
  ],
}

/** The credentials generation's run, credential and session pages in a real Chromium. */
describe('dashboard credentials and run artifacts in a real browser', () => {
  let emulator: Emulator
  let browser: Browser
  let url: string

  beforeAll(async () => {
    emulator = await createEmulator({ clock: 'manual', scenario: SCENARIO })
    url = (await emulator.listen(0)).url
    browser = await launchChromium()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
  })

  const tenant = async (username: string) => {
    const key = freshKey('browsercreds')
    const client = api((p, i) => fetch(url + p, i), key)
    const credential = (
      await client.post('/v2/credentials', { source_id: 'src_shop', auth_method: 'username_password', auth_credentials: { username, password: 'pw' } })
    ).body.id as string
    return { key, client, credential }
  }

  it("shows a run's screenshots as thumbnails that load, and its file link downloads the exact bytes", async () => {
    const { key, client, credential } = await tenant('user_good')
    const run = (await client.post('/v2/tasks/task_files/run', { credential_id: credential })).body.id as string
    await client.post('/_emulator/clock/advance', { by: '20s' })
    expect((await client.get(`/v2/task-runs/${run}`)).body.status).toBe('completed')
    const page = await browser.newPage({ acceptDownloads: true })
    await page.goto(`${url}/_emulator/ui/task-runs/${run}?key=${key}`)
    const thumbnails = page.locator('#run-screenshots img')
    await thumbnails.first().waitFor({ timeout: 10_000 })
    expect(await thumbnails.count()).toBeGreaterThanOrEqual(2)
    await page.waitForFunction(
      () => Array.from(document.querySelectorAll('#run-screenshots img')).every((img) => (img as HTMLImageElement).complete),
      undefined,
      { timeout: 10_000 },
    )
    const widths = await thumbnails.evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))
    for (const width of widths) expect(width).toBeGreaterThan(0)
    expect(await thumbnails.first().getAttribute('alt')).toBe('Opening the statements page')

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.getByRole('link', { name: 'summary.csv' }).click()])
    expect(download.suggestedFilename()).toBe('summary.csv')
    expect(await readFile((await download.path())!, 'utf8')).toBe('month,total\njan,42.10\n')
    await page.close()
  })

  it("answers a credential's MFA by hand on the run page, then sees the credential verified and ends the session", async () => {
    const { key, client, credential } = await tenant('user_mfa')
    const created = (await client.post('/v2/tasks/task_plain/run', { credential_id: credential })).body as { id: string; session_id: string }
    const page = await browser.newPage()
    page.on('dialog', (dialog) => void dialog.accept())
    await page.goto(`${url}/_emulator/ui/credentials/${credential}?key=${key}`)
    await page.locator('#live.on').waitFor({ timeout: 10_000 })
    await page.locator('#credential-status .badge', { hasText: /^unverified$/ }).waitFor({ timeout: 10_000 })
    await page.locator(`tr[data-task-run="${created.id}"]`).getByRole('link', { name: created.id }).click()
    const field = page.locator('input[name="input.code"]')
    await field.waitFor({ timeout: 10_000 })
    await field.fill('123456')
    await page.getByRole('button', { name: 'Submit answer' }).click()
    await page.getByRole('status').getByText('Answer sent: the run continues.').waitFor({ timeout: 10_000 })
    await page.locator('#task-run-status .badge', { hasText: /^running$/ }).waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: '+1m' }).click()
    await page.locator('#task-run-status .badge', { hasText: /^completed$/ }).waitFor({ timeout: 10_000 })

    await page.getByRole('link', { name: credential }).first().click()
    await page.locator('#credential-status .badge', { hasText: /^verified$/ }).waitFor({ timeout: 10_000 })
    await page.goto(`${url}/_emulator/ui/sessions/${created.session_id}`)
    await page.locator('#session-status .badge', { hasText: /^idle$/ }).waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: 'End session' }).click()
    await page.locator('#session-status .badge', { hasText: /^completed$/ }).waitFor({ timeout: 10_000 })
    expect((await client.get(`/v2/sessions/${created.session_id}`)).body.status).toBe('completed')
    await page.close()
  })
})
