import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FileSecrets, MemorySecrets } from './secrets.js'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
const file = () => {
  const dir = mkdtempSync(join(tmpdir(), 'deck-emulator-secrets-'))
  dirs.push(dir)
  return join(dir, 'db.json.secrets')
}

describe('secret stores', () => {
  it('append puts, rewrite without a deleted secret, reload what is left', async () => {
    const path = file()
    const store = await FileSecrets.open(path)
    const a = store.forTenant('sk_test_a')
    a.put('x', 'SECRET-ONE')
    a.put('y', 'SECRET-TWO')
    expect(store.hasPending).toBe(true)
    await store.flush()
    expect(store.hasPending).toBe(false)
    expect(readFileSync(path, 'utf8')).toContain('SECRET-ONE')
    a.delete('x')
    await store.flush()
    expect(readFileSync(path, 'utf8')).not.toContain('SECRET-ONE')
    await store.close()
    const again = await FileSecrets.open(path)
    expect(again.forTenant('sk_test_a').get('y')).toBe('SECRET-TWO')
    expect(again.forTenant('sk_test_a').get('x')).toBeUndefined()
    await again.close()
  })

  it('drops a torn last line and refuses corruption elsewhere', async () => {
    const path = file()
    const store = await FileSecrets.open(path)
    store.forTenant('t').put('r', 'v')
    await store.close()
    appendFileSync(path, '["t","torn","SECRET-TORN')
    const reopened = await FileSecrets.open(path)
    expect(reopened.forTenant('t').get('r')).toBe('v')
    expect(reopened.hasPending).toBe(true) // the torn line is rewritten away
    await reopened.close()
    expect(readFileSync(path, 'utf8')).not.toContain('SECRET-TORN')
    appendFileSync(path, 'garbage\n["t","r2","v2"]\n')
    await expect(FileSecrets.open(path)).rejects.toThrow(/corrupt at line 2/)
  })

  it('keeps tenants apart and forgets a tenant whole', async () => {
    const store = new MemorySecrets()
    store.forTenant('a').put('r', '1')
    store.forTenant('b').put('r', '2')
    store.dropTenant('a')
    expect(store.forTenant('a').get('r')).toBeUndefined()
    expect(store.forTenant('b').get('r')).toBe('2')
  })
})
