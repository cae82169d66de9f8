import { describe, expect, it } from 'vitest'
import { parseScenario } from '../src/scenario/load.js'

const load = (source: string) => parseScenario(`name: x\nsources:\n  - id: src_a\n${source.replace(/^/gm, '    ')}\n`, 'x.yaml')

describe('login_with in scenarios', () => {
  it('accepts script, browser and a described website', () => {
    expect(load('login_with: browser\npage_delay: 200ms\nlockout_after: 3').sources[0]).toMatchObject({
      login_with: { mode: 'browser', timeout: 15000 },
      page_delay: 200,
      lockout_after: 3,
    })
    const doc = load(`login_with:
  browser:
    url: https://staging.example.com/login
    username_selector: '#u'
    password_selector: '#p'
    submit_selector: button
    success_selector: .home
    timeout: 5s
    interaction: { selector: .otp, input_selector: '#otp', submit_selector: '#go' }`)
    expect(doc.sources[0]!.login_with).toEqual({
      mode: 'browser',
      timeout: 5000,
      site: {
        url: 'https://staging.example.com/login',
        username_selector: '#u',
        password_selector: '#p',
        submit_selector: 'button',
        success_selector: '.home',
        interactions: [{ type: 'mfa', selector: '.otp', input_selector: '#otp', submit_selector: '#go' }],
      },
    })
  })

  it('rejects typos and incomplete websites with the path', () => {
    expect(() => load('login_with: browsr')).toThrow(/sources\[0\]\.login_with \(line 4\): expected `script`, `browser`/)
    expect(() => load('login_with: { browser: { url: "https://x.example.com" } }')).toThrow(/login_with\.browser\.username_selector.*required with `url`/)
    expect(() => load('login_with: { browser: { success_selector: .x } }')).toThrow(/selectors need a `url`/)
    expect(() => load('lockout_after: 0')).toThrow(/lockout_after/)
  })
})
