import { setupServer } from 'msw/node'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deckHandlers } from '../src/adapters/msw.js'
import { freshKey } from './helpers/api.js'
import { useWebhookEmulator, webhookTenant } from './helpers/webhooks.js'

const w = useWebhookEmulator()

describe('credentials generation: webhooks and msw', () => {
  it('the run, session and credential events go out signed through the outbox (standardwebhooks verifies them)', async () => {
    const t = webhookTenant(w.emulator, 'credwh')
    const receiver = await w.receiver()
    const destination = await t.destination(receiver.url, {
      events: ['credential.verified', 'session.idle', 'task_run.interaction_required', 'task_run.completed'],
    })
    const source = await t.source()
    const agent = (await t.client.post('/v2/agents', { name: 'A' })).body.id
    const task = (await t.client.post('/v2/tasks', { name: 'T', agent_id: agent })).body.id
    const cred = (
      await t.client.post('/v2/credentials', {
        source_id: source,
        auth_method: 'username_password',
        auth_credentials: { username: 'user_mfa', password: 'pw' },
        external_id: 'ext-1',
      })
    ).body.id
    const run = (await t.client.post(`/v2/tasks/${task}/run`, { credential_id: cred })).body.id
    await t.client.post(`/v2/task-runs/${run}/interaction`, { input: { code: '123456' } })
    await t.advance('1s')
    const received = await receiver.waitForCount(4)
    const verifier = new Webhook(destination.webhook.secret)
    const events = received.map((r) => verifier.verify(r.body, r.headers) as { type: string; data: Record<string, unknown> })
    expect(events.map((e) => e.type).sort()).toEqual(['credential.verified', 'session.idle', 'task_run.completed', 'task_run.interaction_required'])
    const completed = events.find((e) => e.type === 'task_run.completed')!
    expect(completed.data).toMatchObject({ id: run, status: 'completed', credential_id: cred, external_id: 'ext-1' })
    expect(completed.data).not.toHaveProperty('input')
    expect((await t.client.get('/_emulator/wait?deliveries=idle')).body).toMatchObject({ deliveries: 'idle', pending: 0 })
    expect((await t.client.get('/_emulator/wait?deliveries=busy')).body.errors[0]).toMatchObject({ field: 'deliveries' })
  })

  it('wait?deliveries=idle times out while a delivery waits for its retry', async () => {
    const t = webhookTenant(w.emulator, 'credwh2')
    const receiver = await w.receiver(() => ({ status: 500 }))
    await t.destination(receiver.url, { events: ['source.created'] })
    await t.source()
    expect((await t.client.get('/_emulator/wait?deliveries=idle&timeout=10ms')).status).toBe(408)
  })
})

describe('msw serves the credentials generation', () => {
  const deck = deckHandlers({ seed: 2 })
  const server = setupServer(...deck)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(async () => {
    server.close()
    await deck.close()
  })

  it('credentials, runs and sessions through https://api.deck.co/v2 with the global fetch', async () => {
    const key = freshKey('mswcred')
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`https://api.deck.co${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
      return { status: res.status, body: (await res.json()) as any }
    }
    const source = (await call('POST', '/v2/sources', { type: 'website', website: { url: 'https://bank.example.com' } })).body.id
    const agent = (await call('POST', '/v2/agents', { name: 'A' })).body.id
    const task = (await call('POST', '/v2/tasks', { name: 'T', agent_id: agent })).body.id
    const cred = await call('POST', '/v2/credentials', {
      source_id: source,
      auth_method: 'username_password',
      auth_credentials: { username: 'user_good', password: 'pw' },
    })
    expect(cred.status).toBe(201)
    const run = await call('POST', `/v2/tasks/${task}/run`, { credential_id: cred.body.id })
    expect(run.status).toBe(201)
    expect((await call('GET', `/v2/sessions/${run.body.session_id}`)).body.object).toBe('session')
    expect((await call('GET', `/v2/credentials/${cred.body.id}`)).body.status).toBe('verified')
  })
})
