import type { Page } from 'playwright-core'

/**
 * Webhook part of the browser test, for when event destinations and
 * deliveries exist: opens the Webhooks view and waits until a delivery of
 * `eventType` is listed with at least one attempt and its status code.
 */
export async function expectWebhookListed(page: Page, baseUrl: string, eventType: string, statusCode = 200): Promise<void> {
  await page.goto(`${baseUrl}/_emulator/ui/webhooks`)
  const delivery = page.locator(`article.delivery[data-event-type="${eventType}"]`).first()
  await delivery.waitFor({ state: 'visible', timeout: 10_000 })
  await delivery
    .locator('tbody tr', { hasText: String(statusCode) })
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 })
}

/** The status pill on a connection's page, once it reads `status` (no reload: the page updates itself). */
export async function waitForConnectionStatus(page: Page, status: string): Promise<void> {
  await page.locator('#connection-status .badge', { hasText: new RegExp(`^${status}$`) }).waitFor({ state: 'visible', timeout: 10_000 })
}
