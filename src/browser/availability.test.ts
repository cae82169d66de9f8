import { describe, expect, it } from 'vitest'
import { BROWSER_INSTALL, browserSupport, describeBrowserSupport } from './availability.js'

describe('browserSupport', () => {
  it('without playwright-core: not available, naming the one npm install command', () => {
    const support = browserSupport('/bin/true', (name) => name !== 'playwright-core')
    expect(support.ok).toBe(false)
    expect(describeBrowserSupport(support)).toContain(`not available`)
    expect(describeBrowserSupport(support)).toContain(BROWSER_INSTALL)
    expect(BROWSER_INSTALL).toMatch(/^npm install --save-dev playwright-core@\S+ @sparticuz\/chromium@\S+$/)
  })

  it('with playwright-core and a Chromium: available, saying which', () => {
    const support = browserSupport('/bin/true', () => true)
    expect(support).toMatchObject({ ok: true, chromium: { source: 'option', path: '/bin/true' } })
    expect(describeBrowserSupport(support)).toBe('available (Chromium: /bin/true)')
  })

  it('the pinned versions in the command are the ones this package is tested with', async () => {
    const { readFile } = await import('node:fs/promises')
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'))
    expect(BROWSER_INSTALL).toContain(`playwright-core@${pkg.devDependencies['playwright-core']}`)
    expect(BROWSER_INSTALL).toContain(`@sparticuz/chromium@${pkg.devDependencies['@sparticuz/chromium']}`)
  })
})
