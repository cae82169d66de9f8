import Ajv2020Module from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api, freshKey } from './helpers/api.js'

const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof import('ajv/dist/2020.js').default
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof import('ajv-formats').default

type Doc = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, unknown> } }

/** A schema of one of the documents, with the shared schemas it refers to (`#/components/schemas/…`) beside it. */
const inDoc = (schema: object) => ({ ...schema, components: docs.find((d) => JSON.stringify(d).includes(JSON.stringify(schema)))?.components })

let emulator: Emulator
let docs: Doc[]
beforeAll(async () => {
  emulator = await createEmulator({ clock: 'manual' })
  docs = [await (await emulator.fetch('/v2/openapi.json')).json(), await (await emulator.fetch('/_emulator/openapi.json')).json()]
})
afterAll(() => emulator.close())

const templateOf = (path: string) => path.replace(/\{(\w+)\}/g, ':$1')

function operationFor(method: string, path: string): { template: string; op: any } | undefined {
  for (const doc of docs) {
    for (const [template, methods] of Object.entries(doc.paths)) {
      const re = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`)
      if (re.test(path) && methods[method.toLowerCase()]) return { template, op: methods[method.toLowerCase()] }
    }
  }
  return undefined
}

describe('OpenAPI documents', () => {
  it('list exactly the routes the app serves', () => {
    // The dashboard (/_emulator/ui) is an HTML app for people, not part of either API.
    // So are the fake source websites (/_sources/{source_id}/…), which the browser login drives.
    const isUi = (path: string) => path === '/_emulator/ui' || path.startsWith('/_emulator/ui/') || path.startsWith('/_sources/') || path.startsWith('/_files/')
    const served = new Set(emulator.app.routes.filter((r) => r.method !== 'ALL' && !isUi(r.path)).map((r) => `${r.method} ${r.path}`))
    const documented = new Set(
      docs.flatMap((d) => Object.entries(d.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${templateOf(path)}`))),
    )
    expect(
      [...served].filter((r) => !documented.has(r)),
      'served but not documented',
    ).toEqual([])
    expect(
      [...documented].filter((r) => !served.has(r)),
      'documented but not served',
    ).toEqual([])
    expect(documented.has('POST /v2/connections/:id/interaction')).toBe(true)
    expect(documented.has('GET /_emulator/wait')).toBe(true)
  })

  it('are valid enough to compile every schema with ajv (2020-12)', () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }))
    for (const doc of docs)
      for (const methods of Object.values(doc.paths))
        for (const op of Object.values(methods)) {
          for (const res of Object.values(op.responses as Record<string, any>)) {
            const schema = res.content?.['application/json']?.schema
            if (schema) expect(() => ajv.compile(inDoc(schema))).not.toThrow()
          }
        }
  })

  it('describe every response of a run through the API and the control plane', async () => {
    const seen: { method: string; path: string; status: number; body: unknown }[] = []
    const recording = async (input: string, init?: RequestInit) => {
      const res = await emulator.fetch(input, init)
      const text = await res.clone().text()
      const url = new URL(input, 'http://x')
      if (res.headers.get('content-type')?.includes('json'))
        seen.push({ method: init?.method ?? 'GET', path: url.pathname, status: res.status, body: JSON.parse(text) })
      return res
    }
    const c = api(recording, freshKey('openapi'))
    const noKey = api(recording, '')
    await noKey.get('/v2/connections')
    await noKey.get('/_emulator/health')
    const src = (await c.post('/v2/sources', { type: 'website', name: 'S', website: { url: 'https://s.example.com' } })).body.id
    await c.post('/v2/sources', { type: 'website' })
    await c.get('/v2/sources')
    await c.get(`/v2/sources/${src}`)
    await c.patch(`/v2/sources/${src}`, { name: 'T' })
    const id = (await c.post('/v2/connections', { source_id: src, auth_credentials: { username: 'user_mfa', password: 'pw' }, external_id: 'e' })).body.id
    await c.post('/v2/connections', { source_id: 'src_nope', auth_credentials: { username: 'u', password: 'p' } })
    await c.get(`/v2/connections?status=interaction_required&limit=1`)
    await c.get(`/v2/connections/${id}`)
    await c.patch(`/v2/connections/${id}`, { external_id: null })
    await c.get(`/_emulator/connections/${id}/expected-answer`)
    await c.get(`/_emulator/connections/${id}/screenshots`)
    await c.get(`/_emulator/connections/${id}/screenshots/0.png`)
    await c.post(`/v2/connections/${id}/interaction`, { inputs: { code: '123456' } })
    await c.post(`/v2/connections/${id}/interaction`, { inputs: { code: '123456' } })
    await c.post(`/v2/connections/${id}/reopen`)
    await c.post(`/_emulator/connections/${id}/transition`, { status: 'disconnected' })
    await c.post(`/v2/connections/${id}/reopen`)
    await c.post(`/v2/connections/${id}/disconnect`)
    await c.post(`/v2/connections/${id}/disconnect`)
    // Agents, tasks and task runs.
    const agent = (await c.post('/v2/agents', { name: 'A', description: 'd' })).body.id
    await c.get('/v2/agents')
    await c.get(`/v2/agents/${agent}`)
    await c.patch(`/v2/agents/${agent}`, { name: 'B' })
    const schema = { type: 'object', required: ['q'], properties: { q: { type: 'string' } } }
    const task = (
      await c.post('/v2/tasks', { name: 'T', agent_id: agent, input_schema: schema, output_schema: { type: 'object', properties: { n: { type: 'integer' } } } })
    ).body.id
    await c.get('/v2/tasks?status=learning')
    await c.get(`/v2/tasks/${task}`)
    await c.patch(`/v2/tasks/${task}`, { status: 'live' })
    const conn = (await c.post('/v2/connections', { source_id: src, auth_credentials: { username: 'user_good', password: 'pw' } })).body.id
    await c.post(`/v2/tasks/${task}/run`, { connection_id: conn, input: { q: 7 } })
    const run = (await c.post(`/v2/tasks/${task}/run`, { connection_id: conn, input: { q: 'shoes' } })).body.id
    await c.post(`/v2/task-runs/${run}/interaction`, { inputs: { code: '1' } })
    await c.get(`/_emulator/task-runs/${run}/expected-answer`)
    await c.get(`/v2/task-runs?connection_id=${conn}`)
    await c.get(`/v2/task-runs/${run}`)
    await c.get(`/v2/task-runs/${run}?include=input,storage,artifacts`)
    await c.get(`/v2/task-runs/${run}?include=nope`)
    await c.get(`/v2/task-runs/${run}/storage`)
    await c.get(`/v2/task-runs/${run}/screenshots?limit=1`)
    await c.get('/v2/storage/stor_missing')
    await c.post(`/v2/tasks/${task}/reset`)
    await c.post('/v2/token')
    await c.post(`/v2/task-runs/${run}/cancel`)
    await c.post(`/v2/task-runs/${run}/cancel`)
    // Credentials generation: credentials, runs on them, sessions and their control plane.
    const cred = (
      await c.post('/v2/credentials', {
        source_id: src,
        auth_method: 'username_password',
        auth_credentials: { username: 'user_mfa', password: 'pw', source_fields: { region: 'eu' } },
        external_id: 'e',
      })
    ).body.id
    await c.post('/v2/credentials', { source_id: src, auth_method: 'google_sso' })
    await c.get('/v2/credentials?status=unverified&status=verified&limit=1')
    await c.get(`/v2/credentials/${cred}`)
    await c.patch(`/v2/credentials/${cred}`, { external_id: 'f' })
    const crun = (await c.post(`/v2/tasks/${task}/run`, { credential_id: cred, input: { q: 'x' } })).body
    await c.get(`/v2/task-runs/${crun.id}?include=input`)
    await c.get(`/_emulator/task-runs/${crun.id}/expected-answer`)
    await c.post(`/v2/task-runs/${crun.id}/interaction`, { input: { code: '123456' } })
    await c.get(`/v2/sessions/${crun.session_id}`)
    await c.post(`/_emulator/task-runs/${crun.id}/review`, { approve: true })
    await c.get(`/v2/task-runs?credential_id=${cred}&status[]=running&status[]=completed`)
    await c.post(`/_emulator/credentials/${cred}/transition`, { status: 'invalid' })
    await c.post(`/_emulator/sessions/${crun.session_id}/transition`, { status: 'failed' })
    await c.post(`/v2/sessions/${crun.session_id}/end`)
    await c.get('/v2/sessions/sess_missing')
    await c.delete(`/v2/credentials/${cred}`)
    await c.patch(`/v2/credentials/${cred}`, { external_id: 'g' })
    await c.delete(`/v2/tasks/${task}`)
    await c.delete(`/v2/agents/${agent}`)
    // Events, destinations and deliveries.
    await c.get('/v2/event-types')
    await c.get('/v2/test')
    await c.get('/v2/openapi.json?api=nope')
    const events = (await c.get('/v2/events?limit=2&type=connection.connected')).body
    await c.get(`/v2/events?cursor=${events.next_cursor}&limit=2&type=connection.connected`)
    await c.get(`/v2/events/${events.data[0].id}`)
    await c.get('/v2/events/evt_missing')
    const dest = (await c.post('/v2/event-destinations', { name: 'D', type: 'webhook', events: ['*'], webhook: { url: 'http://127.0.0.1:9/hook' } })).body.id
    await c.post('/v2/event-destinations', { name: 'D', type: 'webhook', events: [], webhook: { url: 'http://127.0.0.1:9/hook' } })
    await c.get('/v2/event-destinations?status=active')
    await c.get(`/v2/event-destinations/${dest}`)
    await c.patch(`/v2/event-destinations/${dest}`, { name: 'E' })
    await c.post(`/v2/event-destinations/${dest}/rotate-secret`)
    await c.post(`/v2/events/${events.data[0].id}/resend`, { event_destination_id: dest })
    await emulator.webhooksIdle()
    await c.get(`/v2/event-destinations/${dest}/event-deliveries`)
    await c.get('/_emulator/deliveries')
    await c.delete(`/v2/event-destinations/${dest}`)
    await c.get('/_emulator/clock')
    await c.post('/_emulator/clock/advance', { by: '1m' })
    await c.post('/_emulator/clock', { mode: 'manual' })
    await c.get('/_emulator/requests?limit=5')
    await c.get(`/_emulator/events?connection=${id}`)
    await c.get(`/_emulator/wait?connection=${id}&status=terminated`)
    await c.get(`/_emulator/wait?connection=${id}&status=connected&timeout=10ms`)
    await c.get('/_emulator/wait?event=connection.terminated')
    const fault = (await c.post('/_emulator/faults', { match: { path: '/v2/nothing' }, respond: { status: 503 } })).body.id
    await c.get('/_emulator/faults')
    await c.delete(`/_emulator/faults/${fault}`)
    await c.delete('/_emulator/faults')
    await c.delete('/_emulator/requests')
    await c.delete(`/v2/sources/${src}`)
    await c.put('/_emulator/scenario', 'name: doc\nsources: [{ id: src_doc }]\n')
    await c.post('/_emulator/reset')
    await c.get('/v2/openapi.json')

    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }))
    const problems: string[] = []
    const covered = new Set<string>()
    for (const r of seen) {
      const found = operationFor(r.method, r.path)
      if (!found) {
        problems.push(`${r.method} ${r.path}: no operation`)
        continue
      }
      covered.add(`${r.method} ${found.template}`)
      const res = found.op.responses[r.status]
      if (!res) {
        problems.push(`${r.method} ${found.template}: status ${r.status} not documented`)
        continue
      }
      const schema = res.content?.['application/json']?.schema
      if (!schema) {
        problems.push(`${r.method} ${found.template} ${r.status}: no schema`)
        continue
      }
      const validate = ajv.compile(inDoc(schema))
      if (!validate(r.body))
        problems.push(`${r.method} ${found.template} ${r.status}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(r.body).slice(0, 200)}`)
    }
    expect(problems).toEqual([])
    const all = docs.flatMap((d) => Object.entries(d.paths).flatMap(([p, ms]) => Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`)))
    expect(all.filter((op) => !covered.has(op) && !op.endsWith('/docs') && !op.endsWith('_emulator/openapi.json'))).toEqual([])
  })
})
