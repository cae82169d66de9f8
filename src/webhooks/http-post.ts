import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/** What a webhook POST came back with: the status and, for a redirect, where it pointed. */
export interface PostOutcome {
  status: number
  location: string | null
}

/** Keep-alive connections per receiver, as a real sender keeps them. */
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) }

/**
 * One webhook POST with node:http(s). The default sender (a `fetch` can be
 * injected instead: msw's onWebhook, `webhooks.fetch`): about 2.5× less
 * time per POST than undici's fetch on loopback, which showed in the
 * webhook latency (bench/, lifecycle phase). Never follows redirects; the
 * response body is drained and ignored; `signal` aborts it (timeouts, close).
 * Failures reject with node's error (its `code`, e.g. ECONNREFUSED).
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<PostOutcome> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const secure = target.protocol === 'https:'
    if (!secure && target.protocol !== 'http:') {
      reject(new Error(`unsupported protocol ${target.protocol}`))
      return
    }
    const send = secure ? httpsRequest : httpRequest
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: secure ? agents.https : agents.http,
        signal,
      },
      (res: IncomingMessage) => {
        const location = res.headers.location ?? null
        res.on('error', () => {}) // an aborted body after the status arrived changes nothing
        res.resume()
        resolve({ status: res.statusCode ?? 0, location })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}
