import type { Context, Hono } from 'hono'
import type { DashboardData } from './data.js'
import type { Html } from './html.js'
import { credentialsData, runsData, sessionsData } from './runs-data.js'
import { credentialsOverviewView, credentialsView, credentialView, sessionsView, sessionView } from './views/credentials.js'
import type { Section } from './views/layout.js'
import { card, empty } from './views/parts.js'
import { taskRunsView, taskRunView } from './views/task-runs.js'

type Env = { Variables: { data: DashboardData } }
export type View = (c: Context<Env>, section: Section, title: string, body: Html, status?: 200 | 404) => Promise<Response>

const notFound = (view: View, c: Context<Env>, section: Section, what: string, id: string) =>
  view(c, section, `${what} not found`, card('Not found', empty(`No ${what.toLowerCase()} ${id} in this tenant.`)), 404)

export async function credentialsOverview(data: DashboardData): Promise<Html> {
  const [sources, credentials, runs, events] = await Promise.all([data.sources(), credentialsData.list(data), runsData.list(data), data.events(8)])
  return credentialsOverviewView({ sources, credentials, runs, events })
}

/** The task-runs (both generations), credentials and sessions pages. */
export function mountRunPages(ui: Hono<Env>, view: View): void {
  ui.get('/task-runs', async (c) => view(c, 'task-runs', 'Task runs', taskRunsView(await runsData.list(c.get('data')))))

  ui.get('/task-runs/:id', async (c) => {
    const data = c.get('data')
    const id = c.req.param('id')
    const run = await runsData.get(data, id)
    if (!run) return notFound(view, c, 'task-runs', 'Task run', id)
    const [expected, artifacts] = await Promise.all([
      run.status === 'interaction_required' ? runsData.expected(data, id) : undefined,
      runsData.artifacts(data, id),
    ])
    return view(c, 'task-runs', run.id, taskRunView({ run, timeline: runsData.timeline(data, id), expected, artifacts }))
  })

  ui.get('/credentials', async (c) => view(c, 'credentials', 'Credentials', credentialsView(await credentialsData.list(c.get('data')))))

  ui.get('/credentials/:id', async (c) => {
    const data = c.get('data')
    const id = c.req.param('id')
    const credential = await credentialsData.get(data, id)
    if (!credential) return notFound(view, c, 'credentials', 'Credential', id)
    return view(
      c,
      'credentials',
      credential.id,
      credentialView({ credential, timeline: credentialsData.timeline(data, id), runs: await credentialsData.runs(data, id) }),
    )
  })

  ui.get('/sessions', async (c) => view(c, 'sessions', 'Sessions', sessionsView(await sessionsData.list(c.get('data')))))

  ui.get('/sessions/:id', async (c) => {
    const data = c.get('data')
    const id = c.req.param('id')
    const session = await sessionsData.get(data, id)
    if (!session) return notFound(view, c, 'sessions', 'Session', id)
    return view(c, 'sessions', session.id, sessionView({ session, timeline: sessionsData.timeline(data, id) }))
  })
}
