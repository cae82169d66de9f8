import { describe, expect, it } from 'vitest'
import { dashboardApp } from '../src/dashboard/app.js'
import { ChangeFeed } from '../src/dashboard/changes.js'
import { setup } from './helpers/api.js'

const SCENARIO = {
  name: 'dashboard-runs',
  sources: [{ id: 'src_shop' }],
  agents: [{ id: 'agt_a', name: 'Agent A' }],
  tasks: [
    {
      id: 'task_mfa',
      agent_id: 'agt_a',
      name: 'Asks a code',
      run: [{ duration: '1s' }, { mfa: { message: 'Code <please>?', code: '4242', max_attempts: 3 } }, { duration: '1s' }, { output: { total: 42 } }],
    },
  ],
}

/** The dashboard over HTTP, in-process (as test/dashboard.test.ts), on a tenant with a run that asks for a code. */
async function world() {
  const t = await setup({ scenario: SCENARIO })
  const page = async (path: string) => {
    const res = await t.emulator.fetch(path, { headers: { authorization: `Bearer ${t.key}` } })
    return { status: res.status, text: await res.text() }
  }
  const act = async (name: string, form: Record<string, string>) =>
    (
      await t.emulator.fetch(`/_emulator/ui/actions/${name}`, {
        method: 'POST',
        body: new URLSearchParams(form),
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/x-www-form-urlencoded', 'x-deck-ui': '1' },
      })
    ).json() as Promise<{ ok: boolean; message: string }>
  const connection = await t.connect('src_shop', 'user_good')
  await t.advance('0s')
  const run = (await t.client.post('/v2/tasks/task_mfa/run', { connection_id: connection, input: { note: '<b>hi</b>' } })).body.id as string
  return { ...t, page, act, connection, run }
}

describe('dashboard: task runs', () => {
  it('lists runs and shows one with its subject, status history, input and the pending MFA; answering it by hand lets the run finish', async () => {
    const t = await world()
    await t.advance('1s')
    const list = await t.page('/_emulator/ui/task-runs')
    expect(list.status).toBe(200)
    expect(list.text).toContain(`data-task-run="${t.run}"`)
    expect(list.text).toContain(`/_emulator/ui/connections/${t.connection}`)
    expect(list.text).toMatch(/interaction_required/)
    // The connection's page lists its runs too.
    expect((await t.page(`/_emulator/ui/connections/${t.connection}`)).text).toContain(`href="/_emulator/ui/task-runs/${t.run}"`)

    const detail = await t.page(`/_emulator/ui/task-runs/${t.run}`)
    expect(detail.text).toContain('name="input.code"')
    expect(detail.text).toContain('name="generation" value="connections"')
    expect(detail.text).toContain('Code &lt;please&gt;?')
    expect(detail.text).toContain('&lt;b&gt;hi&lt;/b&gt;')
    expect(detail.text).not.toContain('<b>hi</b>')
    expect(detail.text).toMatch(/Status history[\s\S]*queued[\s\S]*running[\s\S]*interaction_required/)
    expect(detail.text).toContain('<code>code=4242</code>') // the hint, from the control plane's expected answer
    expect(detail.text).not.toContain('action="/_emulator/ui/actions/review_run"')

    expect(await t.act('answer_run', { task_run_id: t.run, generation: 'connections' })).toMatchObject({ ok: false, message: expect.stringMatching(/code/) })
    expect(await t.act('answer_run', { task_run_id: t.run, generation: 'connections', 'input.code': '0000' })).toMatchObject({ ok: true })
    await t.advance('0s')
    expect((await t.client.get(`/v2/task-runs/${t.run}`)).body.status).toBe('interaction_required')
    expect(await t.act('answer_run', { task_run_id: t.run, generation: 'connections', 'input.code': '4242' })).toMatchObject({ ok: true })
    await t.advance('1s')
    expect((await t.client.get(`/v2/task-runs/${t.run}`)).body).toMatchObject({ status: 'completed', output: { total: 42 } })
    const done = await t.page(`/_emulator/ui/task-runs/${t.run}`)
    expect(done.text).toMatch(/id="task-run-status"><span class="badge s-completed">completed/)
    expect(done.text).toContain('Nothing to answer')
    expect(done.text).toContain('&quot;total&quot;: 42')
    expect((await t.page('/_emulator/ui/task-runs/trun_missing')).status).toBe(404)
    await t.emulator.close()
  })

  it('cancels a run from its page', async () => {
    const t = await world()
    expect(await t.act('cancel_run', { task_run_id: t.run })).toMatchObject({ ok: true })
    expect((await t.client.get(`/v2/task-runs/${t.run}`)).body.status).toBe('canceled')
    expect((await t.page(`/_emulator/ui/task-runs/${t.run}`)).text).not.toContain('Cancel run')
    await t.emulator.close()
  })

  it('credentials and sessions pages show an empty state when their routes answer 404', async () => {
    const t = await world()
    await t.client.put('/_emulator/scenario', { ...SCENARIO, api: 'connections' })
    const credentials = await t.page('/_emulator/ui/credentials')
    expect(credentials.status).toBe(200)
    expect(credentials.text).toMatch(/No credentials: this tenant does not serve the credentials generation here/)
    expect((await t.page('/_emulator/ui/sessions')).text).toMatch(/No sessions: this tenant does not serve the credentials generation here/)
    expect((await t.page('/_emulator/ui/credentials/cred_x')).status).toBe(404)
    expect((await t.page('/_emulator/ui/sessions/sess_x')).status).toBe(404)
    // A credentials-pinned tenant lands on credentials and runs, not on an empty connections list.
    await t.client.put('/_emulator/scenario', { ...SCENARIO, api: 'credentials' })
    const landing = await t.page('/_emulator/ui')
    expect(landing.text).toContain('Latest task runs')
    expect(landing.text).not.toContain('No connections yet')
    await t.emulator.close()
  })
})

describe('dashboard: credentials-generation pages from fixed API answers', () => {
  const T = '2026-01-01T00:00:00.000Z'
  const CREDENTIAL = {
    id: 'cred_1',
    object: 'credential',
    status: 'verified',
    source_id: 'src_shop',
    auth_method: 'username_password',
    auth_credentials: { username: 'mark@example.com', key: null, source_fields: { branch: '<i>north</i>' } },
    external_id: '<script>x()</script>',
    created_at: T,
    updated_at: T,
  }
  const RUN = {
    id: 'trun_1',
    object: 'task_run',
    status: 'review_required',
    result: null,
    task_id: 'task_mfa',
    credential_id: 'cred_1',
    session_id: 'sess_1',
    workflow_id: null,
    agent_id: 'agt_a',
    source_id: 'src_shop',
    runtime_ms: 1200,
    output: null,
    errors: [],
    interaction: null,
    canceled_at: null,
    created_at: T,
    updated_at: T,
  }
  const ASKING = {
    ...RUN,
    id: 'trun_2',
    status: 'interaction_required',
    interaction: { type: 'mfa', message: 'Code?', fields: [{ name: 'code', type: 'string', label: 'Code' }] },
  }
  const SESSION = {
    id: 'sess_1',
    object: 'session',
    status: 'idle',
    runtime_ms: 1200,
    task_runs: [{ id: 'trun_1', task_id: 'task_mfa', agent_id: 'agt_a', credential_id: 'cred_1' }],
    created_at: T,
    updated_at: T,
  }
  const FIXED: Record<string, unknown> = {
    '/v2/credentials': { data: [CREDENTIAL], has_more: false, next_cursor: null },
    '/v2/credentials/cred_1': CREDENTIAL,
    '/v2/task-runs?credential_id=cred_1': { data: [RUN], has_more: false, next_cursor: null },
    '/v2/task-runs/trun_1': RUN,
    '/v2/task-runs/trun_2': ASKING,
    '/_emulator/task-runs/trun_2/expected-answer': { input: { code: '123456' } },
    '/v2/sessions/sess_1': SESSION,
  }

  /** A dashboard whose fetch answers the credentials routes with the fixed objects above and everything else with the emulator. */
  async function fixedDashboard() {
    const t = await setup({ scenario: SCENARIO })
    const tenant = t.emulator.tenants.get(t.key)
    tenant.emit([
      { type: 'credential.created', data: { ...CREDENTIAL, status: 'unverified' } },
      { type: 'credential.verified', data: CREDENTIAL },
    ])
    tenant.emit([
      { type: 'session.queued', data: { ...SESSION, status: 'queued' } },
      { type: 'session.idle', data: SESSION },
    ])
    tenant.emit([{ type: 'task_run.review_required', data: RUN }])
    const fetcher = async (input: string, init?: RequestInit) => {
      const path = input
        .replace(/([?&])limit=100&?/, '$1')
        .replace(/[?&]$/, '')
        .replace('?include=input', '')
      if (path in FIXED) return Response.json(FIXED[path])
      return t.emulator.fetch(input, init)
    }
    const ui = dashboardApp({ tenants: t.emulator.tenants, fetch: fetcher, changes: new ChangeFeed((key) => t.emulator.tenants.get(key)) })
    const page = async (path: string) => {
      const res = await ui.request(path, { headers: { authorization: `Bearer ${t.key}` } })
      return { status: res.status, text: await res.text() }
    }
    return { ...t, page }
  }

  it('renders the credentials list and a credential with its timeline, runs and events, escaped', async () => {
    const t = await fixedDashboard()
    const list = await t.page('/credentials')
    expect(list.text).toContain('data-credential="cred_1"')
    expect(list.text).toContain('&lt;script&gt;x()&lt;/script&gt;')
    expect(list.text).not.toContain('<script>x()')
    const detail = await t.page('/credentials/cred_1')
    expect(detail.text).toMatch(/Status history[\s\S]*unverified[\s\S]*verified/)
    expect(detail.text).toContain('<code>branch=&lt;i&gt;north&lt;/i&gt;</code>')
    expect(detail.text).toContain('data-task-run="trun_1"')
    expect(detail.text).toContain('credential.verified')
    await t.emulator.close()
  })

  it('renders sessions (from the session events) and a session with its runs; a credentials run with its credential, session, review buttons and an {input} answer form', async () => {
    const t = await fixedDashboard()
    expect((await t.page('/sessions')).text).toContain('data-session="sess_1"')
    const session = await t.page('/sessions/sess_1')
    expect(session.text).toMatch(/Status history[\s\S]*queued[\s\S]*idle/)
    expect(session.text).toContain('href="/_emulator/ui/task-runs/trun_1"')
    expect(session.text).toContain('End session')
    const review = await t.page('/task-runs/trun_1')
    expect(review.text).toContain('href="/_emulator/ui/credentials/cred_1"')
    expect(review.text).toContain('href="/_emulator/ui/sessions/sess_1"')
    expect(review.text).toContain('name="approve" value="true"')
    expect(review.text).toContain('name="approve" value="false"')
    const asking = await t.page('/task-runs/trun_2')
    expect(asking.text).toContain('name="generation" value="credentials"')
    expect(asking.text).toContain('<code>code=123456</code>')
    expect(asking.text).not.toContain('name="approve"')
    await t.emulator.close()
  })
})
