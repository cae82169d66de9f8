import { createHmac } from 'node:crypto'
import type { Rng } from '../domain/random.js'

/**
 * Standard Webhooks v1 signing with node:crypto only: HMAC-SHA256 over
 * `{id}.{timestamp}.{body}`, keyed by the base64-decoded secret after
 * `whsec_`. The bytes signed are exactly the bytes sent.
 */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64')
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

/** One `v1,` entry per live secret, space-separated, so receivers can verify during a rotation. */
export function signatureHeader(secrets: readonly string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => sign(secret, id, timestamp, body)).join(' ')
}

/** 24 random bytes from the tenant's seeded RNG: the same seed gives the same secrets. */
export function generateSecret(rng: Rng): string {
  return `whsec_${Buffer.from(rng.bytes(24)).toString('base64')}`
}
