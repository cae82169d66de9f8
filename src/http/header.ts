import type { Context } from 'hono'

/**
 * One request header, read from Node's already-parsed headers when served by
 * @hono/node-server: `c.req.header()` builds a full WHATWG Headers object
 * from the raw headers first, a measurable cost on the hottest path.
 * In-process (`emulator.fetch`, msw) there is no `incoming` and the Request's own headers are used.
 */
export function header(c: Context, name: string): string | undefined {
  const incoming = (c.env as { incoming?: { headers: Record<string, string | string[] | undefined> } } | undefined)?.incoming
  if (incoming) {
    const value = incoming.headers[name]
    return Array.isArray(value) ? value.join(', ') : value
  }
  return c.req.header(name)
}
