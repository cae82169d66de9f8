import type { OutgoingWebhook } from './attempt.js'
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
    /** Injectable so in-process adapters (msw) can hand webhooks to a callback instead of the network. */
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
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
      // Redirects are never followed: a 3xx is a failed attempt (Standard Webhooks; and no SSRF by redirect).
      const response = await this.fetchImpl(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: controller.signal })
      const duration_ms = elapsed()
      await response.body?.cancel().catch(() => {})
      return { status_code: response.status, duration_ms, error: describeStatus(response) }
    } catch (error) {
      return { status_code: null, duration_ms: elapsed(), error: describeFailure(error, controller.signal, this.timeoutMs) }
    } finally {
      clearTimeout(timer)
      this.controllers.delete(controller)
    }
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

function describeStatus(response: Response): string | null {
  const status = response.status
  if (status >= 200 && status < 300) return null
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location')
    return `redirect ${status}${location ? ` to ${location}` : ''} not followed`
  }
  if (status === 410) return 'receiver answered 410 Gone: destination deactivated'
  return `receiver answered ${status}`
}

function describeFailure(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted && signal.reason instanceof TimeoutError) return `timeout: no response within ${timeoutMs} ms`
  if (signal.aborted) return 'aborted'
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause
  if (cause?.code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)'
  if (cause?.code) return `${cause.code}: ${cause.message ?? 'network error'}`
  return (error as Error)?.message ?? 'network error'
}
