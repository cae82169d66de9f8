import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs'

/** Signed URLs stay valid this long (emulator decision: 1 h of the tenant's clock). */
export const URL_TTL_MS = 60 * 60 * 1000

/** The tenant's directory name in blob storage and in URLs: a hash of the API key, never the key. */
export function tenantNamespace(key: string): string {
  return createHash('sha256').update(`deck-emulator-files:${key}`).digest('hex').slice(0, 32)
}

/**
 * HMAC-SHA256 signatures of `/_files/{ns}/{id}` plus an expiry. The key is a
 * secret: never logged or returned. With file storage it lives in a 0600 file
 * beside the database so URLs issued before a restart keep working; in memory
 * it is random per process.
 */
export class UrlSigner {
  constructor(private readonly key: Buffer) {}

  static random(): UrlSigner {
    return new UrlSigner(randomBytes(32))
  }

  /** Reads the key file, or creates it (0600, fsync'd) on first use. */
  static fromFile(path: string): UrlSigner {
    try {
      const hex = readFileSync(path, 'utf8').trim()
      if (/^[0-9a-f]{64}$/.test(hex)) return new UrlSigner(Buffer.from(hex, 'hex'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    const key = randomBytes(32)
    const fd = openSync(path, 'w', 0o600)
    try {
      writeSync(fd, `${key.toString('hex')}\n`)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    chmodSync(path, 0o600)
    return new UrlSigner(key)
  }

  // Over the expiry exactly as written in the URL: `0100` and `100` sign differently.
  private mac(ns: string, id: string, expires: string): string {
    return createHmac('sha256', this.key).update(`${ns}/${id}/${expires}`).digest('base64url')
  }

  /** `/_files/{ns}/{id}?expires=…&signature=…` (expires: Unix seconds on the tenant's clock). */
  path(ns: string, id: string, expires: number): string {
    return `/_files/${ns}/${encodeURIComponent(id)}?expires=${expires}&signature=${this.mac(ns, id, String(expires))}`
  }

  verify(ns: string, id: string, expires: string | undefined, signature: string | undefined): boolean {
    if (!expires || !/^\d{1,15}$/.test(expires) || !signature) return false
    const want = Buffer.from(this.mac(ns, id, expires))
    const got = Buffer.from(signature)
    return want.length === got.length && timingSafeEqual(want, got)
  }
}
