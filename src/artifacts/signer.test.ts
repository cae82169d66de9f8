import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tenantNamespace, UrlSigner } from './signer.js'

const parts = (path: string) => {
  const url = new URL(path, 'http://x')
  const [, , ns, id] = url.pathname.split('/')
  return [ns!, decodeURIComponent(id!), url.searchParams.get('expires') ?? undefined, url.searchParams.get('signature') ?? undefined] as const
}

describe('UrlSigner', () => {
  it('verifies its own paths and nothing else', () => {
    const signer = UrlSigner.random()
    const path = signer.path('ns1', 'stor_abc', 1000)
    expect(signer.verify(...parts(path))).toBe(true)
    const [ns, id, expires, signature] = parts(path)
    expect(signer.verify('ns2', id, expires, signature)).toBe(false)
    expect(signer.verify(ns, 'stor_abd', expires, signature)).toBe(false)
    expect(signer.verify(ns, id, '1001', signature)).toBe(false)
    expect(signer.verify(ns, id, '01000', signature)).toBe(false)
    expect(signer.verify(ns, id, expires, undefined)).toBe(false)
    expect(UrlSigner.random().verify(ns, id, expires, signature)).toBe(false)
  })

  it('keeps its key in a 0600 file, reused on the next start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signer-'))
    try {
      const file = join(dir, 'key')
      const path = UrlSigner.fromFile(file).path('n', 'i', 5)
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(UrlSigner.fromFile(file).verify(...parts(path))).toBe(true)
      expect(path).not.toContain(readFileSync(file, 'utf8').trim())
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('namespaces by a hash of the key, never the key', () => {
    expect(tenantNamespace('sk_test_a')).toMatch(/^[0-9a-f]{32}$/)
    expect(tenantNamespace('sk_test_a')).not.toBe(tenantNamespace('sk_test_b'))
  })
})
