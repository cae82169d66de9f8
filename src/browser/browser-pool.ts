import type { Browser, BrowserContext } from 'playwright-core'
import { browserSupport } from './availability.js'
import { CHROMIUM_ARGS, chromiumExecutable, type ChromiumSource } from './chromium.js'

export class BrowserUnavailableError extends Error {
  override name = 'BrowserUnavailableError'
}

/**
 * One headless Chromium per emulator, started on the first browser login
 * (playwright-core is imported only then, so the core starts fast and runs
 * without a browser) and shared by every connection, each in its own context.
 */
export class BrowserPool {
  private launching: Promise<Browser> | undefined
  private closed = false
  /** Where the running browser came from (for logs and tests). */
  source: ChromiumSource | undefined
  executable: string | undefined

  constructor(
    private readonly chromium: string | undefined,
    private readonly log: (line: string) => void,
  ) {}

  /** Why a browser cannot start, known from file checks alone; undefined when one can. */
  problem(): string | undefined {
    const support = browserSupport(this.chromium)
    return support.ok ? undefined : support.problem
  }

  async context(): Promise<BrowserContext> {
    const browser = await this.browser()
    return browser.newContext({ viewport: { width: 900, height: 640 }, locale: 'en-US' })
  }

  browser(): Promise<Browser> {
    if (this.closed) return Promise.reject(new BrowserUnavailableError('The emulator is closing.'))
    this.launching ??= this.launch().catch((error: unknown) => {
      this.launching = undefined
      throw error
    })
    return this.launching
  }

  private async launch(): Promise<Browser> {
    const support = browserSupport(this.chromium)
    if (!support.ok) throw new BrowserUnavailableError(support.problem)
    const location = support.chromium
    const started = performance.now()
    const executablePath = await chromiumExecutable(location)
    const { chromium } = await import('playwright-core')
    let browser: Browser
    try {
      browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 })
    } catch (error) {
      throw new BrowserUnavailableError(
        `Chromium at ${executablePath} (${location.source}) did not start: ${(error as Error).message.split('\n')[0]}. Fix: pass --chromium <path> to a working Chromium, or reinstall with \`npm install\`.`,
      )
    }
    this.source = location.source
    this.executable = executablePath
    this.log(`browser: Chromium ${browser.version()} from ${location.source} (${executablePath}) started in ${Math.round(performance.now() - started)} ms`)
    browser.on('disconnected', () => {
      this.launching = undefined
    })
    if (this.closed) await browser.close()
    return browser
  }

  async close(): Promise<void> {
    this.closed = true
    const launching = this.launching
    this.launching = undefined
    const browser = await launching?.catch(() => undefined)
    await browser?.close().catch(() => {})
  }
}
