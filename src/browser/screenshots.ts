/** One picture of a browser login, taken after a step. */
export interface Screenshot {
  step: string
  /** The page's address when it was taken (the site's own URL, no credentials in it). */
  url: string
  /** Real time: the browser runs on real time whatever the tenant clock says. */
  taken_at: string
  png: Uint8Array
}

const PER_CONNECTION = 30
const CONNECTIONS = 500

/**
 * Screenshots per connection, in memory and bounded (the newest 30 per
 * connection, the 500 most recent connections): they are a debugging aid,
 * not data worth persisting with the tenant.
 */
export class ScreenshotStore {
  private readonly byConnection = new Map<string, Screenshot[]>()

  add(tenantKey: string, connectionId: string, shot: Screenshot): void {
    const key = `${tenantKey}\u0000${connectionId}`
    const list = this.byConnection.get(key) ?? []
    this.byConnection.delete(key)
    this.byConnection.set(key, list)
    list.push(shot)
    if (list.length > PER_CONNECTION) list.splice(0, list.length - PER_CONNECTION)
    if (this.byConnection.size > CONNECTIONS) this.byConnection.delete(this.byConnection.keys().next().value!)
  }

  list(tenantKey: string, connectionId: string): readonly Screenshot[] {
    return this.byConnection.get(`${tenantKey}\u0000${connectionId}`) ?? []
  }
}
