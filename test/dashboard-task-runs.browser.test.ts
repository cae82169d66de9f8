import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'
import { launchChromium } from './helpers/chromium.js'

const SCENARIO = {
  name: 'browser-runs',
  sources: [{ id: 'src_shop' }],
  agents: [{ id: 'agt_a', name: 'Agent A' }],
  tasks: [
    {
      id: 'task_mfa',
      agent_id: 'agt_a',
      name: 'Asks a code',
      run: [{ mfa: { message: 'Enter the code', code: '4242' } }, { duration: '1s' }, { output: { ok: true } }],
    },
  ],
}

/** A task run's MFA answered by hand in a real Chromium (connections generation). */
describe('dashboard task runs in a real browser', () => {
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

  it('opens the run from the list, types the code, and sees the run complete after a clock advance', async () => {
    const key = freshKey('browserruns')
    const client = api((p, i) => fetch(url + p, i), key)
    const connection = (
      await client.post('/v2/connections', {
        source_id: 'src_shop',
        auth_method: 'username_password',
        auth_credentials: { username: 'user_good', password: 'pw' },
      })
    ).body.id
    await client.post('/_emulator/clock/advance', { by: '0s' })
    const run = (await client.post('/v2/tasks/task_mfa/run', { connection_id: connection, input: {} })).body.id
    const page = await browser.newPage()
    await page.goto(`${url}/_emulator/ui/task-runs?key=${key}`)
    await page.locator('#live.on').waitFor({ timeout: 10_000 })
    const row = page.locator(`tr[data-task-run="${run}"]`)
    await row.getByText('interaction_required').waitFor({ timeout: 10_000 })
    await row.getByRole('link', { name: run }).click()
    const field = page.locator('input[name="input.code"]')
    await field.waitFor({ timeout: 10_000 })
    await field.fill('4242')
    await page.getByRole('button', { name: 'Submit answer' }).click()
    await page.getByRole('status').getByText('Answer sent: the run continues.').waitFor({ timeout: 10_000 })
    await page.locator('#task-run-status .badge', { hasText: /^running$/ }).waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: '+1m' }).click()
    await page.locator('#task-run-status .badge', { hasText: /^completed$/ }).waitFor({ timeout: 10_000 })
    expect((await client.get(`/v2/task-runs/${run}`)).body).toMatchObject({ status: 'completed', output: { ok: true } })
    await page.close()
  })
})
