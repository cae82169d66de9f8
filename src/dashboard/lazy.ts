import { Hono } from 'hono'
import type { DashboardDeps } from './app.js'
import { UI_BASE } from './auth.js'

/** Marks the inner app's "no route": the emulator's own not-found answer is given instead. */
const UNMATCHED = 'x-deck-ui-unmatched'

/**
 * The dashboard (mounted at /_emulator/ui), loaded on its first request: its ~16 modules
 * (views, actions, run pages) are not imported by `createEmulator()` for callers that never
 * open it. Answers exactly as the dashboard routed into the emulator's app would: same paths,
 * the emulator's not-found answer (with the dashboard's headers) for paths it has no route for,
 * and errors thrown to the emulator's error handler.
 */
export function lazyDashboardApp(deps: DashboardDeps): Hono {
  let inner: Promise<Hono> | undefined
  const load = () =>
    (inner ??= import('./app.js').then(({ dashboardApp }) => {
      const app = new Hono()
      app.route(UI_BASE, dashboardApp(deps))
      app.notFound(() => new Response(null, { status: 404, headers: { [UNMATCHED]: '1' } }))
      app.onError((error) => {
        throw error
      })
      return app
    }))
  const ui = new Hono()
  ui.all('*', async (c) => {
    const res = await (await load()).fetch(c.req.raw, c.env)
    if (!res.headers.has(UNMATCHED)) return res
    const notFound = await c.notFound()
    for (const [name, value] of res.headers) if (name !== UNMATCHED) notFound.headers.set(name, value)
    return notFound
  })
  return ui
}
