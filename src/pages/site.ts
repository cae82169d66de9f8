import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { setTimeout as sleep } from 'node:timers/promises'
import { interactionFor } from '../domain/interaction.js'
import { isInteractionStep, type SourceScript } from '../domain/login-script.js'
import type { DeckEvent } from '../domain/types.js'
import type { Tenant } from '../tenant/tenant.js'
import type { Tenants } from '../tenant/tenants.js'
import { layout, type Raw } from './layout.js'
import { SiteSessions, tenantHandle, type SiteSession } from './site-sessions.js'
import { views } from './views.js'
import { findSource, sourceScript } from '../sources/state.js'

export interface SiteDeps {
  tenants: Tenants
  /** The tenant a visitor without `?tenant=` sees (the CLI's printed key). */
  defaultKey: string
}

const COOKIE = 'deck_site'
const ENDED = new Set(['connection.disconnected', 'connection.invalid', 'connection.terminated'])

/**
 * The fake source websites, `/_sources/{source_id}/…`: plain server-rendered
 * pages that play the source's login steps, with their own session cookie.
 * `GET …/login?tenant=<handle>&connection=<id>` starts a fresh session (the
 * browser driver passes both; a person opening the page needs neither).
 */
export function createSourceSites(deps: SiteDeps) {
  const sessions = new SiteSessions()

  const tenantFor = (handle: string | undefined): Tenant | undefined =>
    handle ? deps.tenants.all().find((t) => tenantHandle(t.key) === handle) : deps.tenants.get(deps.defaultKey)

  interface Ctx {
    tenant: Tenant
    script: SourceScript
    base: string
  }
  const contextFor = (c: Context, tenant: Tenant | undefined): Ctx | Response => {
    const sourceId = c.req.param('source') ?? ''
    if (!tenant) return notFound(c, 'No tenant with that handle. Open the page without ?tenant= to use the default API key.')
    if (!findSource(tenant, sourceId)) return notFound(c, `No source ${sourceId} in this tenant. Create it or load a scenario that has it.`)
    return { tenant, script: sourceScript(tenant, sourceId), base: `/_sources/${encodeURIComponent(sourceId)}` }
  }
  const notFound = (c: Context, message: string) => c.html(layout('Not found', 'deck-emulator', views.notFound(message)), 404)
  const page = async (c: Context, ctx: Ctx, title: string, body: Raw, status: 200 | 401 | 403 = 200) => {
    if (ctx.script.page_delay) await sleep(ctx.script.page_delay)
    return c.html(layout(title, ctx.script.name, body), status)
  }
  const redirect = async (c: Context, ctx: Ctx, to: string) => {
    if (ctx.script.page_delay) await sleep(ctx.script.page_delay)
    return c.redirect(to, 303)
  }
  const current = (c: Context) => {
    const session = sessions.get(getCookie(c, COOKIE), c.req.param('source') ?? '')
    return { session, ctx: contextFor(c, session ? deps.tenants.get(session.tenantKey) : tenantFor(undefined)) }
  }
  const startSession = (c: Context, ctx: Ctx, connectionId?: string) => {
    const session = sessions.open(ctx.tenant.key, ctx.script.id, connectionId)
    setCookie(c, COOKIE, session.id, { path: ctx.base, httpOnly: true, sameSite: 'Lax' })
    return session
  }

  const stepPage = (c: Context, ctx: Ctx, s: SiteSession) => {
    const step = s.steps[s.index]
    switch (s.state) {
      case 'step':
        if (step && isInteractionStep(step)) return page(c, ctx, 'Verify', views.interaction(`${ctx.base}/step`, interactionFor(step, s.retry), s.retry))
        return redirect(c, ctx, `${ctx.base}/login`)
      case 'signed_in':
        return redirect(c, ctx, `${ctx.base}/account`)
      case 'rejected':
        return page(c, ctx, 'Sign-in failed', views.rejected(s.message ?? 'Sign-in failed.', `${ctx.base}/login`), 401)
      case 'locked':
        return page(c, ctx, 'Locked', views.locked(s.message ?? 'Locked.'), 403)
      case 'working':
        return page(c, ctx, 'Please wait', views.working())
      case 'expired':
        return page(c, ctx, 'Session expired', views.expired(`${ctx.base}/login`), 401)
      default:
        return redirect(c, ctx, `${ctx.base}/login`)
    }
  }

  const app = new Hono()
    .get('/:source', (c) => c.redirect(`${c.req.path.replace(/\/$/, '')}/login${new URL(c.req.url).search}`, 302))
    .get('/:source/login', async (c) => {
      const ctx = contextFor(c, tenantFor(c.req.query('tenant')))
      if (ctx instanceof Response) return ctx
      startSession(c, ctx, c.req.query('connection'))
      return page(c, ctx, 'Sign in', views.login(`${ctx.base}/login`))
    })
    .post('/:source/login', async (c) => {
      let { session, ctx } = current(c)
      if (ctx instanceof Response) return ctx
      session ??= startSession(c, ctx)
      const form = await formOf(c)
      const username = String(form.username ?? '').trim()
      if (!username) return page(c, ctx, 'Sign in', views.login(`${ctx.base}/login`))
      await sessions.signIn(ctx.tenant, ctx.script, session, username, String(form.password ?? ''))
      return redirect(c, ctx, `${ctx.base}/step`)
    })
    .get('/:source/step', async (c) => {
      const { session, ctx } = current(c)
      if (ctx instanceof Response) return ctx
      if (!session) return page(c, ctx, 'Session expired', views.expired(`${ctx.base}/login`), 401)
      return stepPage(c, ctx, session)
    })
    .post('/:source/step', async (c) => {
      const { session, ctx } = current(c)
      if (ctx instanceof Response) return ctx
      if (!session) return page(c, ctx, 'Session expired', views.expired(`${ctx.base}/login`), 401)
      await sessions.answer(ctx.tenant, session, await formOf(c))
      return redirect(c, ctx, `${ctx.base}/step`)
    })
    .get('/:source/account', async (c) => {
      const { session, ctx } = current(c)
      if (ctx instanceof Response) return ctx
      if (session?.state !== 'signed_in') return page(c, ctx, 'Session expired', views.expired(`${ctx.base}/login`), 401)
      return page(c, ctx, 'Your accounts', views.signedIn(session.username ?? '', `${ctx.base}/logout`))
    })
    .post('/:source/logout', async (c) => {
      const { session, ctx } = current(c)
      if (ctx instanceof Response) return ctx
      if (session) sessions.close(session.id)
      deleteCookie(c, COOKIE, { path: ctx.base })
      return redirect(c, ctx, `${ctx.base}/login`)
    })
    .all('*', (c) => notFound(c, `No page ${c.req.method} ${c.req.path} on the fake source sites.`))

  return {
    app,
    sessions,
    /** Event hook: a connection that ends logs its browser out of the site. */
    onEvent(tenant: Tenant, event: DeckEvent): void {
      if (ENDED.has(event.type)) sessions.expireConnection(tenant.key, String(event.data.id))
    },
  }
}

/** The posted form; a body that is not a form (broken multipart, JSON) counts as an empty one. */
async function formOf(c: Context): Promise<Record<string, unknown>> {
  try {
    return await c.req.parseBody()
  } catch {
    return {}
  }
}
