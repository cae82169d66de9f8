import type { Context } from 'hono'
import { errors } from '../../domain/errors.js'
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../domain/json-depth.js'
import type { AppEnv } from '../env.js'

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;.*)?$/i
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Reads and checks the body once: size limit, JSON content type, valid JSON,
 * an object at the top. An empty body is `{}` (actions such as reopen have none).
 * Methods without a body are settled synchronously (no promise, no tick): GET is the hot path.
 */
export function readBody(c: Context<AppEnv>, limit: number): Promise<void> | undefined {
  if (!WITH_BODY.has(c.req.method)) {
    c.set('body', {})
    return undefined
  }
  return readJson(c, limit)
}

/**
 * The body as text, refused with 413 as soon as it passes `limit` bytes: a
 * declared length is checked first, and a chunked body is read as a stream and
 * abandoned at the limit, so a 100 MB upload never sits in memory.
 */
export async function readLimitedText(c: Context<AppEnv>, limit: number): Promise<string> {
  const declared = Number(c.req.header('content-length'))
  if (declared > limit) throw errors.payloadTooLarge(limit)
  // Only a chunked upload has no length to check up front: everything else (a declared length the
  // server enforces, an in-process or msw body already in memory) is read whole, without a stream —
  // an in-process request then never has to build a real Request (adapters/in-process-request.ts).
  if (!c.req.header('transfer-encoding')) {
    const raw = await c.req.arrayBuffer()
    if (raw.byteLength > limit) throw errors.payloadTooLarge(limit)
    return Buffer.from(raw).toString('utf8')
  }
  const stream = c.req.raw.body
  if (!stream) return ''
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      void reader.cancel().catch(() => {})
      throw errors.payloadTooLarge(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function readJson(c: Context<AppEnv>, limit: number): Promise<void> {
  const text = await readLimitedText(c, limit)
  if (text.trim() === '') {
    c.set('body', {})
    return
  }
  const type = c.req.header('content-type') ?? ''
  if (!JSON_TYPE.test(type)) {
    throw errors.inputInvalid(`Unsupported Content-Type \`${type || '(none)'}\`: send the body as JSON with \`Content-Type: application/json\`.`)
  }
  const encoding = c.req.header('content-encoding')
  if (encoding && encoding.trim().toLowerCase() !== 'identity') {
    throw errors.inputInvalid(`Unsupported Content-Encoding \`${encoding}\`: send the JSON body uncompressed.`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw errors.inputInvalid(`The request body is not valid JSON (${(error as Error).message}).`)
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw errors.inputInvalid('The request body must be a JSON object.')
  // Recursive code downstream (validation, journal redaction, cloning) must never meet a stack-overflowing body.
  if (jsonDepthExceeds(parsed)) throw errors.inputInvalid(`The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`)
  c.set('body', parsed as Record<string, unknown>)
}
