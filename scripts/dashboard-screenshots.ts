/**
 * Regenerates the dashboard screenshots in docs/ (npm run screenshots):
 * a small world with a few connections in different states, rendered in the
 * same Chromium the browser tests use.
 */
import { resolve } from 'node:path'
import { createEmulator } from '../src/index.js'
import { api } from '../test/helpers/api.js'
import { launchChromium } from '../test/helpers/chromium.js'
import { WebhookReceiver } from '../test/helpers/webhook-receiver.js'

const ROOT = resolve(import.meta.dirname, '..')
const emulator = await createEmulator({ scenario: resolve(ROOT, 'scenarios/forced-mfa.yaml'), clock: 'manual' })
const { url } = await emulator.listen(0)
const key = 'sk_test_emulator'
const client = api((p, i) => fetch(url + p, i), key)
const connect = async (source: string, username: string, password: string, external_id: string | null) =>
  (await client.post('/v2/connections', { source_id: source, auth_method: 'username_password', auth_credentials: { username, password }, external_id })).body
    .id as string

// A receiver that fails once, so the Webhooks view shows a retry.
const receiver = await WebhookReceiver.start((_request, n) => ({ status: n === 0 ? 503 : 200 }))
await client.post('/v2/event-destinations', {
  name: 'My app (local)',
  type: 'webhook',
  events: ['connection.connected', 'connection.interaction_required'],
  webhook: { url: receiver.url },
})
const magic = (await client.post('/v2/sources', { type: 'website', name: 'Northwind Credit Union', website: { url: 'https://northwind.example.com' } })).body.id
const good = await connect(magic, 'dana@example.com', 'pw', 'user_1042')
await client.post('/_emulator/clock/advance', { by: '3m' })
await connect(magic, 'user_invalid', 'pw', 'user_1043')
await client.post('/_emulator/clock/advance', { by: '2m' })
await connect(magic, 'user_accounts', 'pw', 'user_1044')
await client.post('/_emulator/clock/advance', { by: '1m' })
const alice = await connect('src_acme_bank', 'alice@example.com', 'correct-horse', 'user_1045')
await client.post(`/v2/connections/${alice}/interaction`, { inputs: { code: '000000' } })
await client.post('/_emulator/clock/advance', { by: '30s' })
void good
await emulator.webhooksIdle()
await client.post('/_emulator/clock/advance', { by: '10s' })
await emulator.webhooksIdle()

const browser = await launchChromium()
const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 })
await page.goto(`${url}/_emulator/ui?key=${key}`)
await page.locator('#live.on').waitFor()
await page.screenshot({ path: resolve(ROOT, 'docs/dashboard-connections.png'), fullPage: true })
await page.goto(`${url}/_emulator/ui/connections/${alice}`)
await page.locator('#live.on').waitFor()
await page.getByLabel('Verification code').fill('123456')
await page.screenshot({ path: resolve(ROOT, 'docs/dashboard-connection-detail.png'), fullPage: true })
await page.goto(`${url}/_emulator/ui/events`)
await page.screenshot({ path: resolve(ROOT, 'docs/dashboard-events.png'), fullPage: true })
await page.goto(`${url}/_emulator/ui/webhooks`)
await page.screenshot({ path: resolve(ROOT, 'docs/dashboard-webhooks.png'), fullPage: true })
await browser.close()
await receiver.stop()
await emulator.close()
console.log('docs/dashboard-connections.png, docs/dashboard-connection-detail.png, docs/dashboard-events.png, docs/dashboard-webhooks.png written')
