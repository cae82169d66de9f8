import { describe, expect, it } from 'vitest'
import { createLogger } from '../src/log/logger.js'
import { setup } from './helpers/api.js'

describe('lifecycle log lines', () => {
  it('one line per transition, natural and forced, and never a password or an MFA code', async () => {
    const lines: string[] = []
    const t = await setup({ logger: createLogger({ write: (l) => lines.push(l) }) })
    const source = await t.source()
    const id = await t.connect(source, 'user_mfa', 'hunter2-secret')
    await t.client.post(`/v2/connections/${id}/interaction`, { inputs: { code: '123456' } })
    await t.client.post(`/_emulator/connections/${id}/transition`, { status: 'disconnected' })
    const mine = lines.filter((l) => l.includes(id))
    expect(mine.map((l) => l.replace(/^\d\d:\d\d:\d\d /, '').replace(/\s+\[.*\]$/, ''))).toEqual([
      `${id} user_mfa new → connecting`,
      `${id} user_mfa connecting → interaction_required (mfa)`,
      `${id} user_mfa interaction_required → connecting`,
      `${id} user_mfa connecting → connected`,
      `${id} user_mfa connected → disconnected`,
    ])
    const all = lines.join('\n')
    expect(all).not.toContain('hunter2-secret')
    expect(all).not.toContain('123456')
    await t.emulator.close()
  })

  it('JSON format carries the same facts as fields', async () => {
    const lines: string[] = []
    const t = await setup({ logger: createLogger({ format: 'json', write: (l) => lines.push(l) }) })
    const id = await t.connect(await t.source(), 'user_invalid', 'nope')
    await t.status(id)
    const parsed = lines.map((l) => JSON.parse(l)).filter((l) => l.connection_id === id)
    expect(parsed.map((l) => `${l.from}>${l.to}:${l.detail ?? ''}`)).toEqual(['null>connecting:', 'connecting>invalid:auth_invalid'])
    expect(lines.join('\n')).not.toContain('nope')
    await t.emulator.close()
  })
})
