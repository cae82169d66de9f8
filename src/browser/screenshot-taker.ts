import type { Page } from 'playwright-core'
import type { ScreenshotStore } from './screenshots.js'

/** The two things of a page a screenshot needs (a fake in unit tests). */
export type ShotPage = Pick<Page, 'screenshot' | 'url'>

/**
 * The `shoot(step)` both browser drivers give PageLogin: a PNG of the page,
 * kept under the connection or session it belongs to and stamped with the
 * tenant's clock (`now`), like every other timestamp the tenant shows — on a
 * manual clock the screenshots line up with the events, not the wall clock.
 * A page that is gone or does not answer in 5s gives no screenshot.
 */
export function screenshotTaker(store: ScreenshotStore, tenantKey: string, subjectId: string, now: () => string, page: () => ShotPage | undefined) {
  return async (step: string): Promise<void> => {
    const p = page()
    if (!p) return
    const png = await p.screenshot({ type: 'png', timeout: 5000, animations: 'disabled' }).catch(() => undefined)
    if (png) store.add(tenantKey, subjectId, { step, url: p.url(), taken_at: now(), png })
  }
}
