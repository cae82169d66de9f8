import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, freshKey } from './helpers/api.js'
import { runCli, tempDir } from './helpers/cli.js'
import { startCli, type Child } from './helpers/processes.js'
import { startProxyCli } from './helpers/proxy-cli.js'

type Step = { call: string; status: number; body: unknown; replayed?: string | null }

/**
 * One integration session: a source, an MFA login with a wrong code first, rejected
 * credentials, an idempotent create, a task run (clock advanced on the upstream
 * emulator), a disconnect, a list, a 404 and a 400. Returns what came back.
 */
async function session(base: string, key: string): Promise<Step[]> {
  const deck = api((path, init) => fetch(base + path, init), key)
  const steps: Step[] = []
  const call = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const res = await deck.call(method, path, body, headers)
    steps.push({ call: `${method} ${path}`, status: res.status, body: res.body, ...(headers ? { replayed: res.headers.get('idempotent-replayed') } : {}) })
    return res.body as Record<string, any>
  }
  const source = await call('POST', '/v2/sources', { type: 'website', name: 'Acme Bank', website: { url: 'https://bank.example.com' } })
  const alice = await call('POST', '/v2/connections', {
    source_id: source.id,
    auth_method: 'username_password',
    auth_credentials: { username: 'user_mfa', password: 'hunter2-secret' },
    external_id: 'user_123',
  })
  await call('GET', `/v2/connections/${alice.id}`)
  await call('POST', `/v2/connections/${alice.id}/interaction`, { inputs: { code: '000000' } })
  await call('GET', `/v2/connections/${alice.id}`)
  await call('POST', `/v2/connections/${alice.id}/interaction`, { inputs: { code: '123456' } })
  await call('GET', `/v2/connections/${alice.id}`)
  const mallory = await call('POST', '/v2/connections', { source_id: source.id, auth_credentials: { username: 'user_invalid', password: 'guess-secret' } })
  await call('GET', `/v2/connections/${mallory.id}`)
  const agent = await call('POST', '/v2/agents', { name: 'Orders' }, { 'idempotency-key': 'agent-1' })
  await call('POST', '/v2/agents', { name: 'Orders' }, { 'idempotency-key': 'agent-1' })
  const task = await call('POST', '/v2/tasks', {
    name: 'Search orders',
    agent_id: agent.id,
    output_schema: { type: 'object', required: ['count'], properties: { count: { type: 'integer', enum: [3] } } },
  })
  const run = await call('POST', `/v2/tasks/${task.id}/run`, { connection_id: alice.id, input: { query: 'shoes' } })
  await call('POST', '/_emulator/clock/advance', { by: '2s' })
  await call('GET', `/v2/task-runs/${run.id}`)
  const bob = await call('POST', '/v2/connections', { source_id: source.id, auth_credentials: { username: 'user_good', password: 'pw-secret' } })
  await call('GET', `/v2/connections/${bob.id}`)
  await call('POST', `/v2/connections/${bob.id}/disconnect`)
  await call('GET', '/v2/connections?limit=5')
  await call('GET', '/v2/connections/conn_doesnotexist0000')
  await call('POST', '/v2/connections', {})
  return steps
}

/**
 * Ids and request ids differ between tenants; everything else must not. Lists are newest
 * first with ties (same created_at on the manual clock) broken by id, and ids are random per
 * tenant, so a list's order among equal timestamps differs too: list pages are compared as sets.
 */
function normalize(steps: Step[]): unknown {
  const seen = new Map<string, string>()
  const named: Step[] = JSON.parse(
    JSON.stringify(steps).replace(/\b(src|conn|agt|task|trun|req|evt)_[A-Za-z0-9]{16}\b/g, (id, prefix: string) => {
      if (!seen.has(id)) seen.set(id, `${prefix}_#${seen.size + 1}`)
      return seen.get(id)!
    }),
  )
  for (const step of named) {
    const body = step.body as { data?: unknown[] } | null
    if (Array.isArray(body?.data))
      body.data = body.data
        .map((item) => JSON.stringify(item))
        .sort()
        .map((item) => JSON.parse(item))
  }
  return named
}

describe('deck-emulator proxy in front of another emulator', () => {
  let upstream: Child & { url: string }
  let dir: string
  beforeAll(async () => {
    dir = tempDir('proxy')
    upstream = await startCli(['--in-memory', '--clock', 'manual', '--quiet'])
  })
  afterAll(async () => {
    await upstream?.kill()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers exactly as the upstream does, reports no drift, and records a scenario that replays green', async () => {
    const report = join(dir, 'drift.json')
    const record = join(dir, 'recorded.yaml')
    const proxy = await startProxyCli(['--upstream', upstream.url, '--report', report, '--record', record])
    let code: number | null
    let proxied: Step[]
    const key = freshKey('proxied')
    try {
      proxied = await session(proxy.url, key)
    } finally {
      code = await proxy.stop('SIGTERM')
    }
    const direct = await session(upstream.url, freshKey('direct'))
    expect(normalize(proxied)).toEqual(normalize(direct))
    expect(proxied.find((s) => s.replayed !== undefined && s.replayed !== null)?.replayed).toBe('true') // Idempotency-Key went through
    // The caller's key reached the upstream: its tenant holds what was created through the proxy.
    const sources = await api((p, i) => fetch(upstream.url + p, i), key).get('/v2/sources')
    expect(sources.body.data.map((s: { name: string }) => s.name)).toEqual(['Acme Bank'])

    expect(code).toBe(0)
    expect(proxy.stderr()).toMatch(/Drift report: \d+ responses from .*, 0 differed from the contract/)
    const drift = JSON.parse(readFileSync(report, 'utf8'))
    expect(drift.requests).toBe(proxied.filter((s) => s.call.includes(' /v2/')).length)
    expect(drift.drifted_responses).toBe(0)
    expect(drift.routes.flatMap((r: { issues: unknown[] }) => r.issues)).toEqual([])
    expect(drift.routes.map((r: { route: string }) => r.route)).toContain('POST /v2/connections/{id}/interaction')

    const scenario = readFileSync(record, 'utf8')
    for (const secret of ['hunter2-secret', 'guess-secret', 'pw-secret', '123456', '000000', key]) {
      expect(scenario).not.toContain(secret)
      expect(JSON.stringify(drift)).not.toContain(secret)
    }
    expect(scenario).toMatch(/username: user_mfa\n\s+password: FILL_IN_PASSWORD_\d/)
    expect(scenario).toMatch(/mfa:\n\s+message: Enter the 6-digit code sent to \*\*\*-1234\n\s+code: FILL_IN_MFA_CODE_\d/)
    expect(scenario).toContain('status: invalid')
    expect(scenario).toMatch(/run:\n\s+- output:\n\s+count: 3/)

    const replay = await runCli(['run', record])
    expect(replay.stdout).toMatch(/1 scenario: 1 passed, 0 failed/)
    expect(replay.code).toBe(0)
    // The same file replays against a running emulator too.
    const remote = await runCli(['run', record, '--url', upstream.url])
    expect(remote.stdout).toMatch(/1 passed/)
    expect(remote.code).toBe(0)
  }, 120_000) // four processes from source (tsx): slow on a loaded machine, not a speed target
})
