import type { Connection, DeckEvent, Source } from '../domain/types.js'
import { allEvents, getEvent } from '../tenant/event-log.js'
import type { Tenant } from '../tenant/tenant.js'

/** How the dashboard reaches the emulator: its own in-process fetch, with the tenant's key. */
export type Fetcher = (input: string, init?: RequestInit) => Promise<Response>

export interface ApiAnswer<T = any> {
  status: number
  body: T
}

/** A webhook delivery (contract §5) plus whatever the control plane adds (url, headers…). */
export interface Delivery {
  id: string
  status: string
  event_id: string
  event_type: string
  event_destination_id: string
  attempts: { at: string; status_code: number | null; duration_ms: number; error: string | null; [extra: string]: unknown }[]
  created_at: string
  delivered_at: string | null
  [extra: string]: unknown
}

export interface Destination {
  id: string
  name?: string
  status: string
  events: string[]
  webhook: { url: string; [extra: string]: unknown }
  [extra: string]: unknown
}

/** `undefined` means the endpoint does not exist in this build (webhooks not there yet). */
export interface WebhookData {
  destinations: Destination[] | undefined
  deliveries: Delivery[] | undefined
}

const isMissingRoute = (answer: ApiAnswer) => answer.status === 404 && answer.body?.errors?.[0]?.code === 'route_not_found'

/**
 * The dashboard's only way to read and act: the public API and the control
 * plane, as an integrator would call them. Webhook endpoints that are absent
 * answer 404 `route_not_found`, and the panels say so instead of failing.
 */
export class DashboardData {
  constructor(
    private readonly fetcher: Fetcher,
    readonly key: string,
    /** For what the API cannot list yet: the event log (until GET /v2/events exists) and timelines. */
    readonly tenant: Tenant,
    /**
     * The incoming request's origin. Signed URLs (storage items, screenshots)
     * are built from the origin a route is called on, so the dashboard reads
     * them at its own origin (`at`) and the links work in the browser.
     */
    readonly origin = 'http://deck-emulator.local',
  ) {}

  /** `path` as an absolute URL on the dashboard's own origin. */
  at(path: string): string {
    return `${this.origin}${path}`
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const res = await this.fetcher(path, {
      method,
      headers: { authorization: `Bearer ${this.key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    const text = await res.text()
    let parsed: unknown = null
    try {
      parsed = text ? JSON.parse(text) : null
    } catch {
      parsed = { errors: [{ message: text }] }
    }
    return { status: res.status, body: parsed as T }
  }

  private async list<T>(path: string): Promise<T[] | undefined> {
    const answer = await this.call<{ data: T[] }>('GET', path)
    if (isMissingRoute(answer)) return undefined
    if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}`)
    return answer.body.data
  }

  sources = async () => (await this.list<Source>('/v2/sources?limit=100')) ?? []
  connections = async () => (await this.list<Connection>('/v2/connections?limit=100')) ?? []

  async connection(id: string): Promise<Connection | undefined> {
    const answer = await this.call<Connection>('GET', `/v2/connections/${encodeURIComponent(id)}`)
    return answer.status === 200 ? answer.body : undefined
  }

  async clock(): Promise<{ mode: string; now: string }> {
    return (await this.call('GET', '/_emulator/clock')).body
  }

  /** Newest first. GET /v2/events when it exists, else the tenant's event log. */
  async events(limit = 100): Promise<DeckEvent[]> {
    const listed = await this.list<DeckEvent>(`/v2/events?limit=${limit}`)
    return listed ?? allEvents(this.tenant).slice(-limit).reverse()
  }

  async event(id: string): Promise<DeckEvent | undefined> {
    const answer = await this.call<DeckEvent>('GET', `/v2/events/${encodeURIComponent(id)}`)
    if (answer.status === 200) return answer.body
    return isMissingRoute(answer) ? getEvent(this.tenant, id) : undefined
  }

  /** A connection's status history, oldest first (its connection.* events). */
  timeline(connectionId: string): DeckEvent[] {
    return allEvents(this.tenant).filter((e) => e.type.startsWith('connection.') && (e.data as { id?: string }).id === connectionId)
  }

  async expectedAnswer(connectionId: string): Promise<Record<string, string> | undefined> {
    const answer = await this.call('GET', `/_emulator/connections/${encodeURIComponent(connectionId)}/expected-answer`)
    return answer.status === 200 ? answer.body.inputs : undefined
  }

  /**
   * Destinations and every delivery with its attempts. The control plane's
   * GET /_emulator/deliveries carries the signed headers; when only the public
   * per-destination list exists, that is used instead.
   */
  async webhooks(): Promise<WebhookData> {
    const destinations = await this.list<Destination>('/v2/event-destinations?limit=100')
    if (!destinations) return { destinations, deliveries: undefined }
    // The public delivery records, one list per destination…
    const deliveries = (
      await Promise.all(destinations.map((d) => this.list<Delivery>(`/v2/event-destinations/${encodeURIComponent(d.id)}/event-deliveries?limit=100`)))
    ).flatMap((l) => l ?? [])
    // …and the control plane's attempt journal for the signed headers each attempt carried.
    const journal = (await this.list<{ delivery_id: string; attempt: number; headers?: Record<string, string> }>('/_emulator/deliveries')) ?? []
    const headers = new Map(journal.filter((row) => row.headers).map((row) => [`${row.delivery_id}#${row.attempt}`, row.headers]))
    for (const delivery of deliveries) {
      delivery.attempts = delivery.attempts.map((a, i) => ({ ...a, headers: headers.get(`${delivery.id}#${i + 1}`) ?? a.headers }))
    }
    return { destinations, deliveries }
  }
}
