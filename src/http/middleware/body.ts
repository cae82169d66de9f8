import type { Context } from 'hono'
import { errors } from '../../domain/errors.js'
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

async function readJson(c: Context<AppEnv>, limit: number): Promise<void> {
  const declared = Number(c.req.header('content-length'))
  if (declared > limit) throw errors.payloadTooLarge(limit)
  const raw = await c.req.arrayBuffer()
  if (raw.byteLength > limit) throw errors.payloadTooLarge(limit)
  const text = new TextDecoder().decode(raw)
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
  c.set('body', parsed as Record<string, unknown>)
}
