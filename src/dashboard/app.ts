import { Hono, type Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import { DeckError } from '../domain/errors.js'
import type { Tenants } from '../tenant/tenants.js'
import { ACTIONS } from './actions.js'
import { RUN_ACTIONS } from './actions-runs.js'
import { credentialsOverview, mountRunPages } from './run-pages.js'
import { runsData } from './runs-data.js'
import { forgetKey, keyFromRequest, rememberKey, sameOrigin, UI_BASE } from './auth.js'
import type { ChangeFeed } from './changes.js'
import { DashboardData, type Fetcher } from './data.js'
import type { Html } from './html.js'
import { connectionView } from './views/connection-detail.js'
import { eventsTable, overviewView } from './views/connections.js'
import { appContent, loginPage, page, type Section } from './views/layout.js'
import { card, empty } from './views/parts.js'
import { eventView, webhooksView } from './views/webhooks.js'

export interface DashboardDeps {
  tenants: Tenants
  keys?: ReadonlySet<string>
  fetch: Fetcher
  changes: ChangeFeed
  /** Heartbeat of the live stream, so proxies and browsers keep it open. */
  heartbeatMs?: number
}

type Env = { Variables: { data: DashboardData } }

// No framing by other sites (clickjacking), no outside resources at all; images only from the emulator (run screenshots).
const CSP =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

/**
 * The dashboard: server-rendered pages over the emulator's own API (read and
 * act with the tenant's key, like an integrator), kept live by a server-sent
 * event stream. Mounted at /_emulator/ui.
 */
export function dashboardApp(deps: DashboardDeps): Hono<Env> {
  const ui = new Hono<Env>()

  ui.use('*', async (c, next) => {
    const found = keyFromRequest(c, deps.keys)
    if (!found.key) return c.html(loginPage(found.error).toString(), found.error ? 401 : 200)
    if (found.fromQuery && c.req.method === 'GET' && !c.req.path.endsWith('/stream')) {
      // Keep the key out of the address bar and history once the cookie holds it.
      rememberKey(c, found.key)
      const url = new URL(c.req.url)
      url.searchParams.delete('key')
      return c.redirect(url.pathname + url.search, 303)
    }
    c.set('data', new DashboardData(deps.fetch, found.key, deps.tenants.get(found.key), new URL(c.req.url).origin))
    await next()
    c.header('content-security-policy', CSP)
    c.header('cache-control', 'no-store')
  })

  const view = async (c: Context<Env>, section: Section, title: string, body: Html, status: 200 | 404 = 200) => {
    const data = c.get('data')
    const chrome = { key: data.key, clock: await data.clock(), section, title }
    const partial = c.req.header('x-deck-ui-partial') === '1'
    return c.html((partial ? appContent(chrome, body) : page(chrome, body)).toString(), status)
  }

  ui.get('/', async (c) => {
    const data = c.get('data')
    // A tenant pinned to the credentials generation has no connections: its landing page shows credentials and runs.
    if (data.tenant.api === 'credentials') return view(c, 'credentials', 'Overview', await credentialsOverview(data))
    const [sources, connections, events] = await Promise.all([data.sources(), data.connections(), data.events(8)])
    return view(c, 'connections', 'Connections', overviewView({ sources, connections, events }))
  })

  ui.get('/connections/:id', async (c) => {
    const data = c.get('data')
    const id = c.req.param('id')
    const connection = await data.connection(id)
    if (!connection) return view(c, 'connections', 'Connection not found', card('Not found', empty(`No connection ${id} in this tenant.`)), 404)
    const expected = connection.status === 'interaction_required' ? await data.expectedAnswer(id) : undefined
    const runs = await runsData.list(data, `?connection_id=${encodeURIComponent(id)}`)
    return view(c, 'connections', connection.id, connectionView({ connection, timeline: data.timeline(id), expected, runs }))
  })

  mountRunPages(ui, view)

  ui.get('/events', async (c) => {
    const events = await c.get('data').events(100)
    return view(c, 'events', 'Events', card(`Events (latest ${events.length})`, eventsTable(events)))
  })

  ui.get('/events/:id', async (c) => {
    const data = c.get('data')
    const event = await data.event(c.req.param('id'))
    if (!event) return view(c, 'events', 'Event not found', card('Not found', empty(`No event ${c.req.param('id')} in this tenant.`)), 404)
    return view(c, 'events', event.type, eventView(event, await data.webhooks()))
  })

  ui.get('/webhooks', async (c) => view(c, 'webhooks', 'Webhooks', webhooksView(await c.get('data').webhooks())))

  ui.get('/logout', (c) => {
    forgetKey(c)
    return c.redirect(UI_BASE, 303)
  })

  ui.post('/actions/:name', async (c) => {
    const wantsJson = c.req.header('x-deck-ui') === '1'
    const answer = (ok: boolean, message: string, status = ok ? 200 : 400) =>
      wantsJson
        ? c.json({ ok, message }, status as 200)
        : c.redirect(c.req.header('referer')?.startsWith(new URL(c.req.url).origin) ? c.req.header('referer')! : UI_BASE, 303)
    if (!sameOrigin(c)) return c.json({ ok: false, message: 'Cross-site request refused.' }, 403)
    // Own actions only: `constructor`, `__proto__`, `valueOf` are not actions.
    const name = c.req.param('name')
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : Object.hasOwn(RUN_ACTIONS, name) ? RUN_ACTIONS[name] : undefined
    if (!action) return answer(false, `Unknown action ${c.req.param('name')}`, 404)
    let posted: Record<string, unknown>
    try {
      posted = await c.req.parseBody()
    } catch {
      return answer(false, 'The form could not be read (broken multipart or urlencoded body).')
    }
    // A null-prototype form: a field named `__proto__` or `constructor` is just a field.
    const form = Object.assign(
      Object.create(null) as Record<string, string>,
      Object.fromEntries(Object.entries(posted).filter(([, v]) => typeof v === 'string')),
    )
    let call: ReturnType<typeof action>
    try {
      call = action(form)
    } catch (error) {
      if (error instanceof DeckError) return answer(false, error.message)
      throw error
    }
    const result = await c.get('data').call(call.method, call.path, call.body)
    if (result.status < 300) return answer(true, call.done)
    const problem = result.body?.errors?.[0]
    return answer(
      false,
      problem
        ? `${problem.message}${result.status === 404 && problem.code === 'route_not_found' ? ' (not available in this build)' : ''}`
        : `The API answered ${result.status}.`,
      result.status,
    )
  })

  ui.get('/stream', (c) => {
    const key = c.get('data').key
    return streamSSE(c, async (stream) => {
      let wake: (() => void) | undefined
      let dirty = false
      const unsubscribe = deps.changes.subscribe(key, () => {
        dirty = true
        wake?.()
      })
      stream.onAbort(() => {
        unsubscribe()
        wake?.()
      })
      await stream.writeSSE({ event: 'hello', data: 'live' })
      while (!stream.aborted && !stream.closed) {
        await new Promise<void>((resolve) => {
          wake = resolve
          setTimeout(resolve, deps.heartbeatMs ?? 15_000).unref?.()
        })
        if (stream.aborted || stream.closed) break
        // Changes that arrive together become one message: the page re-renders once.
        if (dirty) {
          dirty = false
          await stream.writeSSE({ event: 'change', data: 'tenant' })
        } else await stream.write(': heartbeat\n\n')
      }
      unsubscribe()
    })
  })

  return ui
}
