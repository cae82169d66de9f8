import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request that went through the proxy, with what came back. Held in memory only. */
export interface Exchange {
  method: string
  /** Path without the query. */
  path: string
  query: URLSearchParams
  requestHeaders: Record<string, string>
  requestBody: Buffer
  status: number
  responseHeaders: Headers
  responseBody: Buffer
  /** Set when the upstream could not be reached (the caller got a 502). */
  error?: string
}

export interface ForwardOptions {
  /** Base URL of the upstream (`https://api.deck.co`; a trailing `/v2` is accepted). */
  upstream: string
  port?: number
  host?: string
  /** Called after each response has been sent to the caller. */
  onExchange(exchange: Exchange): void
  /** Answers of the proxy itself, under `/_proxy/…` (health, the live report); never forwarded. */
  ownRoutes?: Record<string, () => unknown>
  /** @default 10 MiB */
  bodyLimit?: number
}

// Hop-by-hop headers (RFC 9110 §7.6.1) and those the proxy recomputes.
// `expect` too: curl sends `Expect: 100-continue` with larger bodies, and fetch refuses it (the body is already read).
const HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
])

export function normalizeUpstream(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v2$/, '')
}

const envelope = (status: number, type: string, code: string, message: string) => {
  const request_id = `req_proxy${randomBytes(8).toString('hex')}`
  return { status, body: Buffer.from(JSON.stringify({ errors: [{ type, code, message }], request_id })), request_id }
}

/**
 * A plain forwarding server: every request (method, path, query, headers
 * including the caller's `Authorization` and `Idempotency-Key`, body bytes)
 * goes to the upstream, and the upstream's status, headers and body bytes go
 * back unchanged. Bodies are buffered, because each response is inspected and
 * recorded once it has been answered. `accept-encoding: identity` is asked of
 * the upstream so the bytes passed back are the bytes it sent.
 */
export async function startForwarder(options: ForwardOptions): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = normalizeUpstream(options.upstream)
  const limit = options.bodyLimit ?? 10 * 1024 * 1024

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy.local')
    const own = options.ownRoutes?.[url.pathname]
    if (own && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(own()))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > limit) {
        const e = envelope(413, 'request', 'payload_too_large', `The proxy accepts bodies up to ${limit} bytes.`)
        res.writeHead(e.status, { 'content-type': 'application/json', 'x-request-id': e.request_id }).end(e.body)
        req.destroy()
        return
      }
      chunks.push(chunk as Buffer)
    }
    const requestBody = Buffer.concat(chunks)
    const requestHeaders: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP.has(name)) continue
      requestHeaders[name] = Array.isArray(value) ? value.join(', ') : value
    }
    const method = req.method ?? 'GET'
    let status: number
    let responseHeaders: Headers
    let responseBody: Buffer
    let error: string | undefined
    try {
      const answer = await fetch(upstream + url.pathname + url.search, {
        method,
        headers: { ...requestHeaders, 'accept-encoding': 'identity' },
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: requestBody }),
        redirect: 'manual',
      })
      status = answer.status
      responseHeaders = answer.headers
      responseBody = Buffer.from(await answer.arrayBuffer())
    } catch (e) {
      error = ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message
      const fail = envelope(502, 'api', 'upstream_unavailable', `The proxy could not reach the upstream (${upstream}): ${error}`)
      status = fail.status
      responseHeaders = new Headers({ 'content-type': 'application/json', 'x-request-id': fail.request_id })
      responseBody = fail.body
    }
    const out: Record<string, string | string[]> = {}
    responseHeaders.forEach((value, name) => {
      // fetch has already decoded any content-encoding: the bytes below are the decoded ones.
      if (!HOP.has(name) && name !== 'content-encoding' && name !== 'set-cookie') out[name] = value
    })
    const cookies = responseHeaders.getSetCookie()
    if (cookies.length) out['set-cookie'] = cookies
    // A HEAD answer has no body but keeps the length the upstream announced.
    out['content-length'] = method === 'HEAD' ? (responseHeaders.get('content-length') ?? '0') : String(responseBody.length)
    res.writeHead(status, out).end(method === 'HEAD' ? undefined : responseBody)
    try {
      options.onExchange({
        method,
        path: url.pathname,
        query: url.searchParams,
        requestHeaders,
        requestBody,
        status,
        responseHeaders,
        responseBody,
        ...(error ? { error } : {}),
      })
    } catch (e) {
      console.error(`deck-emulator proxy: could not inspect ${method} ${url.pathname}: ${(e as Error).message}`)
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        const fail = envelope(500, 'api', 'api_error', `The proxy failed: ${(e as Error).message}`)
        res.writeHead(fail.status, { 'content-type': 'application/json', 'x-request-id': fail.request_id }).end(fail.body)
      } else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4020, options.host ?? '127.0.0.1', () => resolve())
  })
  const { port, address } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
