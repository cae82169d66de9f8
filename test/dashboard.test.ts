import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'

/** The dashboard over HTTP, in-process: auth, escaping, actions, CSRF guard and the live stream. */
async function dashboard() {
  const t = await setup()
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const res = await t.emulator.fetch(path, { headers: { authorization: `Bearer ${t.key}`, ...headers } })
    return { status: res.status, text: await res.text(), headers: res.headers }
  }
  const act = (name: string, form: Record<string, string>, headers: Record<string, string> = { 'x-deck-ui': '1' }) =>
    t.emulator.fetch(`/_emulator/ui/actions/${name}`, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    })
  return { ...t, page, act }
}

describe('dashboard', () => {
  it('asks for a key, takes ?key= once into an HttpOnly SameSite=Strict cookie and drops it from the URL', async () => {
    const t = await dashboard()
    const bare = await t.emulator.fetch('/_emulator/ui')
    expect(bare.status).toBe(200)
    expect(await bare.text()).toContain('name="key"')
    const withKey = await t.emulator.fetch(`/_emulator/ui/events?key=${t.key}`)
    expect(withKey.status).toBe(303)
    expect(withKey.headers.get('location')).toBe('/_emulator/ui/events')
    const cookie = withKey.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const viaCookie = await t.emulator.fetch('/_emulator/ui/events', { headers: { cookie: cookie.split(';')[0]! } })
    expect(viaCookie.status).toBe(200)
    expect(viaCookie.headers.get('content-security-policy')).toContain("default-src 'none'")
    const bad = await t.emulator.fetch('/_emulator/ui?key=nope')
    expect(bad.status).toBe(401)
    await t.emulator.close()
  })

  it('lists sources and connections with escaped user input, and shows a connection with its timeline and prompt', async () => {
    const t = await dashboard()
    const source = await t.source('Bank <b>One</b>')
    const id = await t.connect(source, 'user_mfa', 'pw', { external_id: '<script>alert(1)</script>' })
    const overview = await t.page('/_emulator/ui')
    expect(overview.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(overview.text).not.toContain('<script>alert(1)')
    expect(overview.text).toContain('Bank &lt;b&gt;One&lt;/b&gt;')
    expect(overview.text).toContain(`data-connection="${id}"`)
    const detail = await t.page(`/_emulator/ui/connections/${id}`)
    expect(detail.text).toContain('name="input.code"')
    expect(detail.text).toMatch(/Status history[\s\S]*connecting[\s\S]*interaction_required/)
    expect((await t.page('/_emulator/ui/connections/conn_missing')).status).toBe(404)
    await t.emulator.close()
  })

  it('answers the MFA, forces transitions, advances the clock and resets through the API', async () => {
    const t = await dashboard()
    const id = await t.connect(await t.source(), 'user_mfa')
    await t.status(id)
    const wrong = await (await t.act('answer', { connection_id: id })).json()
    expect(wrong).toMatchObject({ ok: false, message: expect.stringMatching(/code/) })
    expect(await (await t.act('answer', { connection_id: id, 'input.code': '123456' })).json()).toMatchObject({ ok: true })
    expect(await t.status(id)).toBe('connected')
    expect(await (await t.act('transition', { connection_id: id, status: 'disconnected' })).json()).toMatchObject({ ok: true })
    expect(await t.status(id)).toBe('disconnected')
    const illegal = await t.act('transition', { connection_id: id, status: 'connected' })
    expect(illegal.status).toBe(409)
    const before = (await t.client.get('/_emulator/clock')).body.now
    await t.act('advance', { by: '1h' })
    expect(Date.parse((await t.client.get('/_emulator/clock')).body.now) - Date.parse(before)).toBe(3_600_000)
    await t.act('reset', {})
    expect((await t.client.get(`/v2/connections/${id}`)).status).toBe(404)
    await t.emulator.close()
  })

  it('refuses cross-site posts; a plain form post (no script) is redirected back', async () => {
    const t = await dashboard()
    const crossSite = await t.act('advance', { by: '1m' }, { origin: 'https://evil.example.com' })
    expect(crossSite.status).toBe(403)
    const noProof = await t.act('advance', { by: '1m' }, {})
    expect(noProof.status).toBe(403)
    const plain = await t.act('advance', { by: '1m' }, { origin: 'http://deck-emulator.local', referer: 'http://deck-emulator.local/_emulator/ui/events' })
    expect(plain.status).toBe(303)
    expect(plain.headers.get('location')).toBe('http://deck-emulator.local/_emulator/ui/events')
    await t.emulator.close()
  })

  it('renders the webhook panels gracefully while the webhook endpoints do not exist', async () => {
    const t = await dashboard()
    await t.connect(await t.source(), 'user_good')
    const webhooks = await t.page('/_emulator/ui/webhooks')
    expect(webhooks.status).toBe(200)
    expect(webhooks.text).toMatch(/No destinations/)
    const events = await t.page('/_emulator/ui/events')
    const eventId = /href="\/_emulator\/ui\/events\/(evt_\w+)"/.exec(events.text)![1]!
    const event = await t.page(`/_emulator/ui/events/${eventId}`)
    expect(event.status).toBe(200)
    expect(event.text).toContain(eventId)
    await t.emulator.close()
  })

  it('streams a change when the tenant changes, not when the dashboard only reads', async () => {
    const t = await dashboard()
    const source = await t.source()
    const res = await t.emulator.fetch('/_emulator/ui/stream', { headers: { authorization: `Bearer ${t.key}` } })
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    const reader = res.body!.getReader()
    let seen = ''
    // One read in flight at a time: a read abandoned on timeout would swallow the next chunk.
    let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined
    const read = async (until: RegExp, ms = 1_500) => {
      const deadline = Date.now() + ms
      while (!until.test(seen) && Date.now() < deadline) {
        pending ??= reader.read()
        const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 100))])
        if (!chunk) continue
        pending = undefined
        if (!chunk.done) seen += new TextDecoder().decode(chunk.value)
      }
      return until.test(seen)
    }
    expect(await read(/event: hello/)).toBe(true)
    await t.page('/_emulator/ui')
    expect(await read(/event: change/)).toBe(false)
    await t.connect(source, 'user_good')
    expect(await read(/event: change/)).toBe(true)
    await reader.cancel()
    await t.emulator.close()
  })
})

describe('dashboard webhook panels', () => {
  it('lists destinations and each delivery with its attempts, status codes and signed headers', async () => {
    const { DashboardData } = await import('../src/dashboard/data.js')
    const { webhooksView } = await import('../src/dashboard/views/webhooks.js')
    const { WebhookReceiver } = await import('./helpers/webhook-receiver.js')
    const receiver = await WebhookReceiver.start((_request, n) => ({ status: n === 0 ? 500 : 200 }))
    const t = await setup()
    await t.client.post('/v2/event-destinations', { name: 'My app', type: 'webhook', events: ['connection.connected'], webhook: { url: receiver.url } })
    await t.connect(await t.source(), 'user_good')
    await t.emulator.webhooksIdle()
    await t.advance('10s') // the retry
    await t.emulator.webhooksIdle()
    const data = new DashboardData((input, init) => t.emulator.fetch(input, init), t.key, t.emulator.tenants.get(t.key))
    const text = webhooksView(await data.webhooks()).toString()
    expect(text).toContain('data-event-type="connection.connected"')
    expect(text).toContain(receiver.url)
    expect(text).toMatch(/#1[\s\S]*500[\s\S]*webhook-signature: v1,[\s\S]*#2[\s\S]*200/)
    await receiver.stop()
    await t.emulator.close()
  })
})
