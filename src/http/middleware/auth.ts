import type { MiddlewareHandler } from 'hono'
import { errors } from '../../domain/errors.js'
import type { Tenants } from '../../services/tenants.js'
import type { AppEnv } from '../env.js'
import { header } from '../header.js'

export const KEY_PATTERN = /^sk_(test|live)_[A-Za-z0-9_]{4,}$/

/**
 * Bearer auth; each key is its own isolated tenant. Any well-formed key is
 * accepted unless the emulator was started with an explicit key list.
 */
export function auth(tenants: Tenants, keys: ReadonlySet<string> | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const value = header(c, 'authorization')
    const match = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null
    if (!match) {
      throw errors.apiKeyInvalid('No API key provided. Send `Authorization: Bearer sk_test_…` (any key of that form works with the emulator).')
    }
    const key = match[1]!
    if (!KEY_PATTERN.test(key)) throw errors.apiKeyInvalid('Malformed API key: expected sk_test_… or sk_live_… (letters, digits, _; at least 4 after the prefix).')
    if (keys && !keys.has(key)) throw errors.apiKeyInvalid('Unknown API key: this emulator was started with --keys and this key is not one of them.')
    const tenant = tenants.get(key)
    c.set('tenant', tenant)
    c.set('requestId', tenants.requestId(key))
    await next()
  }
}
