import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppEnv } from './env.js'

/** Every response body carries the request's `request_id`. */
export function reply(c: Context<AppEnv>, body: object, status: ContentfulStatusCode = 200): Response {
  return c.json({ ...body, request_id: c.get('requestId') }, status)
}
