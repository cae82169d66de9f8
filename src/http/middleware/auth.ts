import type { Context } from 'hono'
import { KEY_PATTERN } from '../../domain/api-key.js'
import { errors } from '../../domain/errors.js'
import type { Tenant } from '../../tenant/tenant.js'
import type { Tenants } from '../../tenant/tenants.js'
import type { AppEnv } from '../env.js'
import { header } from '../header.js'

const BEARER = /^Bearer\s+(\S+)\s*$/i

/**
 * Bearer auth; each key is its own isolated tenant. Any well-formed key is
 * accepted unless the emulator was started with an explicit key list.
 * Synchronous (a step of the request pipeline, not a Hono layer): sets
 * `tenant` and `requestId`, or throws 401.
 */
export function authenticator(tenants: Tenants, keys: ReadonlySet<string> | undefined): (c: Context<AppEnv>) => Tenant {
  // The last accepted header value: a test (or a load generator) sends the same one again and again,
  // and the two regular expressions would give the same answer. Only accepted values are remembered.
  let lastValue: string | undefined
  let lastKey = ''
  return (c) => {
    const value = header(c, 'authorization')
    let key: string
    if (value !== undefined && value === lastValue) key = lastKey
    else {
      const match = value ? BEARER.exec(value) : null
      if (!match) {
        throw errors.apiKeyInvalid('No API key provided. Send `Authorization: Bearer sk_test_…` (any key of that form works with the emulator).')
      }
      key = match[1]!
      if (!KEY_PATTERN.test(key))
        throw errors.apiKeyInvalid('Malformed API key: expected sk_test_… or sk_live_… (letters, digits, _; at least 4 after the prefix).')
      if (keys && !keys.has(key)) throw errors.apiKeyInvalid('Unknown API key: this emulator was started with --keys and this key is not one of them.')
      lastValue = value
      lastKey = key
    }
    const tenant = tenants.get(key)
    c.set('tenant', tenant)
    c.set('requestId', tenants.requestId(key))
    return tenant
  }
}
