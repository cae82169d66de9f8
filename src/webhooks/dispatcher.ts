import type { OutgoingWebhook } from './attempt.js'
import { postWebhook, type PostOutcome } from './http-post.js'
import type { AttemptResult } from './outbox.js'

/**
 * Sends webhooks. Every POST is its own promise: nothing is queued behind
 * anything else, so a slow or dead receiver delays only its own deliveries.
 * The dispatcher keeps no state that matters after a crash; the outbox does.
 */
export class Dispatcher {
  private readonly inFlight = new Set<Promise<void>>()
  private readonly controllers = new Set<AbortController>()
  private closed = false

  constructor(
    private readonly timeoutMs: number,
    /**
     * Injectable so in-process adapters (msw) can hand webhooks to a callback instead of the network.
     * Without one, webhooks go out through node:http(s) (see http-post.ts).
     */
    private readonly fetchImpl?: typeof fetch,
  ) {}

  /** Starts the POST and returns at once; `done` runs when it has an outcome (never after close()). */
  send(request: OutgoingWebhook, done: (result: AttemptResult) => Promise<void> | void): void {
    if (this.closed) return
    const task = this.post(request).then(async (result) => {
      if (!this.closed) await done(result)
    })
    const tracked = task.catch(() => {}).finally(() => this.inFlight.delete(tracked))
    this.inFlight.add(tracked)
  }

  private async post(request: OutgoingWebhook): Promise<AttemptResult> {
    const controller = new AbortController()
    this.controllers.add(controller)
    const timer = setTimeout(() => controller.abort(new TimeoutError()), this.timeoutMs)
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    try {
      const outcome = await this.postOnce(request, controller.signal)
      return { status_code: outcome.status, duration_ms: elapsed(), error: describeStatus(outcome) }
    } catch (error) {
      return { status_code: null, duration_ms: elapsed(), error: describeFailure(error, controller.signal, this.timeoutMs) }
    } finally {
      clearTimeout(timer)
      this.controllers.delete(controller)
    }
  }

  private async postOnce(request: OutgoingWebhook, signal: AbortSignal): Promise<PostOutcome> {
    if (!this.fetchImpl) return postWebhook(request.url, request.headers, request.body, signal)
    // Redirects are never followed: a 3xx is a failed attempt (Standard Webhooks; and no SSRF by redirect).
    const response = await this.fetchImpl(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal })
    // Not awaited: a Response that msw passed through (onWebhook forwarding to the app's own server)
    // never settles cancel(), and awaiting it hung webhooksIdle() and close() for good.
    void response.body?.cancel().catch(() => {})
    return { status: response.status, location: response.headers.get('location') }
  }

  /** Resolves when no send is in flight, including sends started by the completion of others. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight])
  }

  get pending(): number {
    return this.inFlight.size
  }

  /** Aborts what is in flight without recording it: those deliveries stay pending and are re-sent after a restart. */
  async close(): Promise<void> {
    this.closed = true
    for (const controller of this.controllers) controller.abort(new Error('emulator closing'))
    await this.idle()
  }
}

class TimeoutError extends Error {
  override name = 'TimeoutError'
}

function describeStatus({ status, location }: PostOutcome): string | null {
  if (status >= 200 && status < 300) return null
  if (status >= 300 && status < 400) {
    return `redirect ${status}${location ? ` to ${location}` : ''} not followed`
  }
  if (status === 410) return 'receiver answered 410 Gone: destination deactivated'
  return `receiver answered ${status}`
}

function describeFailure(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted && signal.reason instanceof TimeoutError) return `timeout: no response within ${timeoutMs} ms`
  if (signal.aborted) return 'aborted'
  // node:http puts the code on the error, fetch on its cause.
  const failure = error as { code?: string; message?: string; cause?: { code?: string; message?: string } }
  const cause = failure?.code ? failure : failure?.cause
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)'
  if (cause?.code) return `${cause.code}: ${cause.message ?? 'network error'}`
  return (error as Error)?.message ?? 'network error'
}
