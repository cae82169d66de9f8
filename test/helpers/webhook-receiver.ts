import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { waitFor } from './wait.js'

export interface Received {
  headers: Record<string, string>
  body: string
  /** Real time of arrival. */
  at: number
  path: string
}

/** How to answer the n-th request (0-based): status, optional delay (real ms) and headers. */
export type Responder = (request: Received, n: number) => { status?: number; delayMs?: number; headers?: Record<string, string>; hang?: boolean }

/**
 * A real HTTP receiver on 127.0.0.1 (port 0 or a given port), recording
 * every request. It can be stopped and started again on the same port, to
 * play a receiver that goes down and comes back.
 */
export class WebhookReceiver {
  readonly received: Received[] = []
  private server: Server | null = null
  private hanging: ServerResponse[] = []
  port = 0

  constructor(public respond: Responder = () => ({ status: 200 })) {}

  static async start(respond?: Responder, port = 0): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(respond)
    await receiver.listen(port)
    return receiver
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhooks`
  }

  async listen(port = this.port): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.port = (server.address() as AddressInfo).port
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const request: Received = {
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        path: req.url ?? '/',
      }
      const n = this.received.length
      this.received.push(request)
      const plan = this.respond(request, n)
      if (plan.hang) {
        this.hanging.push(res)
        return
      }
      const answer = () => {
        res.writeHead(plan.status ?? 200, { 'content-type': 'text/plain', ...plan.headers })
        res.end('ok')
      }
      if (plan.delayMs) setTimeout(answer, plan.delayMs)
      else answer()
    })
  }

  /** Waits (bounded) until at least `n` requests arrived. */
  waitForCount(n: number, timeoutMs = 5_000): Promise<Received[]> {
    return waitFor(() => (this.received.length >= n ? this.received : undefined), `${n} webhook(s) at ${this.url} (got ${this.received.length})`, timeoutMs)
  }

  events(): { id: string; type: string; created_at: string; data: Record<string, unknown> }[] {
    return this.received.map((r) => JSON.parse(r.body))
  }

  /** Stops listening and drops open connections (a receiver going down). */
  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = null
    for (const res of this.hanging) res.destroy()
    this.hanging = []
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }
}
