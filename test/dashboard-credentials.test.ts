import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'

/** The credentials and sessions pages against the real credentials-generation routes (not fixed answers). */
const SCENARIO = {
  name: 'dashboard-credentials',
  sources: [{ id: 'src_shop' }],
  agents: [{ id: 'agt_a', name: 'Agent A' }],
  tasks: [
    { id: 'task_plain', agent_id: 'agt_a', name: 'Plain', run: [{ duration: '1s' }, { output: { total: 42 } }] },
    { id: 'task_review', agent_id: 'agt_a', name: 'Needs a review', run: [{ duration: '2s' }, 'review', { output: { count: 2 } }] },
  ],
}

async function world() {
  const t = await setup({ scenario: SCENARIO })
  const page = async (path: string) => {
    const res = await t.emulator.fetch(`/_emulator/ui${path}`, { headers: { authorization: `Bearer ${t.key}` } })
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
  const created = await t.client.post('/v2/credentials', {
    source_id: 'src_shop',
    auth_method: 'username_password',
    auth_credentials: { username: 'user_mfa', password: 'pw' },
    external_id: '<script>x()</script>',
  })
  expect(created.status).toBe(201)
  const credential = created.body.id as string
  const run = async (task: string, body: Record<string, unknown>) => {
    const res = await t.client.post(`/v2/tasks/${task}/run`, body)
    expect(res.status).toBe(201)
    return res.body as { id: string; session_id: string }
  }
  return { ...t, page, act, credential, run }
}

describe('dashboard: credentials, sessions and their runs on the real routes', () => {
  it('an MFA login inside a run is answered by hand on the run page; the credential turns verified and the session shows its runs and timeline', async () => {
    const t = await world()
    const list = await t.page('/credentials')
    expect(list.text).toContain(`data-credential="${t.credential}"`)
    expect(list.text).toContain('&lt;script&gt;x()&lt;/script&gt;')
    expect(list.text).not.toContain('<script>x()')
    expect(list.text).toMatch(/s-unverified/)

    const { id, session_id: session } = await t.run('task_plain', { credential_id: t.credential, input: { note: '<b>hi</b>' } })
    expect((await t.client.get(`/v2/task-runs/${id}`)).body.status).toBe('interaction_required')
    const asking = await t.page(`/task-runs/${id}`)
    expect(asking.status).toBe(200)
    expect(asking.text).toContain('name="input.code"')
    expect(asking.text).toContain('name="generation" value="credentials"')
    expect(asking.text).toContain('<code>code=123456</code>')
    expect(asking.text).toContain(`href="/_emulator/ui/credentials/${t.credential}"`)
    expect(asking.text).toContain(`href="/_emulator/ui/sessions/${session}"`)
    expect(asking.text).toContain('&lt;b&gt;hi&lt;/b&gt;')
    expect(asking.text).not.toContain('<b>hi</b>')
    expect(asking.text).toContain('Cancel run')

    expect(await t.act('answer_run', { task_run_id: id, generation: 'credentials', 'input.code': '123456' })).toMatchObject({
      ok: true,
      message: 'Answer sent: the run continues.',
    })
    expect((await t.client.get(`/v2/credentials/${t.credential}`)).body.status).toBe('verified')
    await t.advance('1s')
    expect((await t.client.get(`/v2/task-runs/${id}`)).body).toMatchObject({ status: 'completed', output: { total: 42 } })
    const done = await t.page(`/task-runs/${id}`)
    expect(done.text).toMatch(/id="task-run-status"><span class="badge s-completed">completed/)
    expect(done.text).toMatch(/Status history[\s\S]*queued[\s\S]*running[\s\S]*interaction_required[\s\S]*running[\s\S]*completed/)
    expect(done.text).toContain('Nothing to answer')

    const cred = await t.page(`/credentials/${t.credential}`)
    expect(cred.text).toMatch(/id="credential-status"><span class="badge s-verified">verified/)
    expect(cred.text).toMatch(/Status history[\s\S]*unverified[\s\S]*verified/)
    expect(cred.text).toContain(`data-task-run="${id}"`)
    expect(cred.text).toContain('credential.verified')
    expect(cred.text).not.toContain('"pw"') // the password is never shown

    expect((await t.page('/sessions')).text).toContain(`data-session="${session}"`)
    const sess = await t.page(`/sessions/${session}`)
    expect(sess.status).toBe(200)
    expect(sess.text).toMatch(/id="session-status"><span class="badge s-idle">idle/)
    expect(sess.text).toMatch(/Status history[\s\S]*queued[\s\S]*running[\s\S]*idle/)
    expect(sess.text).toContain(`href="/_emulator/ui/task-runs/${id}"`)
    expect(sess.text).toContain(`href="/_emulator/ui/credentials/${t.credential}"`)
    await t.emulator.close()
  })

  it('approves (and rejects) a review_required run from its page', async () => {
    const t = await world()
    const first = await t.run('task_plain', { credential_id: t.credential })
    expect(await t.act('answer_run', { task_run_id: first.id, generation: 'credentials', 'input.code': '123456' })).toMatchObject({ ok: true })
    await t.advance('1s')
    const held = await t.run('task_review', { session_id: first.session_id })
    await t.advance('2s')
    expect((await t.client.get(`/v2/task-runs/${held.id}`)).body.status).toBe('review_required')
    const review = await t.page(`/task-runs/${held.id}`)
    expect(review.text).toContain('This run waits for a review.')
    expect(review.text).toContain('name="approve" value="true"')
    expect(await t.act('review_run', { task_run_id: held.id, approve: 'true' })).toMatchObject({ ok: true, message: 'Approved: the run completes.' })
    expect((await t.client.get(`/v2/task-runs/${held.id}`)).body).toMatchObject({ status: 'completed', output: { count: 2 } })
    const approved = await t.page(`/task-runs/${held.id}`)
    expect(approved.text).toMatch(/id="task-run-status"><span class="badge s-completed">completed/)
    expect(approved.text).not.toContain('name="approve"')
    // A second decision is refused with the API's message.
    expect(await t.act('review_run', { task_run_id: held.id, approve: 'true' })).toMatchObject({ ok: false })

    const other = await t.run('task_review', { session_id: first.session_id })
    await t.advance('2s')
    expect(await t.act('review_run', { task_run_id: other.id, approve: 'false' })).toMatchObject({ ok: true, message: 'Rejected: the run fails.' })
    expect((await t.client.get(`/v2/task-runs/${other.id}`)).body).toMatchObject({ status: 'failed', errors: [{ code: 'review_rejected' }] })
    expect((await t.page(`/task-runs/${other.id}`)).text).toContain('review_rejected')
    await t.emulator.close()
  })

  it('ends a session from its page', async () => {
    const t = await world()
    const { id, session_id: session } = await t.run('task_plain', { credential_id: t.credential })
    await t.act('answer_run', { task_run_id: id, generation: 'credentials', 'input.code': '123456' })
    await t.advance('1s')
    expect((await t.page(`/sessions/${session}`)).text).toContain('End session')
    // A run in progress on the session: ending it cancels the run, the session is completing until the run has stopped.
    const active = await t.run('task_review', { session_id: session })
    expect(await t.act('end_session', { session_id: session })).toMatchObject({ ok: true, message: 'Ending the session.' })
    expect((await t.client.get(`/v2/sessions/${session}`)).body.status).toBe('completed')
    expect((await t.client.get(`/v2/task-runs/${active.id}`)).body.status).toBe('canceled')
    const ended = await t.page(`/sessions/${session}`)
    expect(ended.text).toMatch(/id="session-status"><span class="badge s-completed">completed/)
    expect(ended.text).not.toContain('End session')
    expect(ended.text).toContain(`href="/_emulator/ui/task-runs/${active.id}"`)
    expect(ended.text).toMatch(/Status history[\s\S]*idle[\s\S]*running[\s\S]*completing[\s\S]*completed/)
    expect((await t.page(`/task-runs/${active.id}`)).text).toMatch(/id="task-run-status"><span class="badge s-canceled">canceled/)
    // Ending a completed session again answers the same session (contract §3): the action says so, no error.
    expect(await t.act('end_session', { session_id: session })).toMatchObject({ ok: true })
    expect((await t.page('/sessions')).text).toContain(`data-session="${session}"`)
    await t.emulator.close()
  })
})
