import Ajv2020Module from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'
import { api, freshKey, type Api } from './helpers/api.js'

const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof import('ajv/dist/2020.js').default
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof import('ajv-formats').default

/**
 * A schema-driven fuzzer over both served OpenAPI documents: every operation
 * (so routes added later are fuzzed without touching this file) gets requests
 * with bodies built from its schema, mutated or replaced by arbitrary JSON,
 * real and hostile ids, query values from their schema or junk, and now and
 * then another method. Every answer must be < 500, carry the Deck envelope
 * when it is an error, and match the document when the operation documents it.
 * Fixed seed (CI sees the same cases); FUZZ_SEED / FUZZ_RUNS explore others.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202)
const RUNS = Number(process.env.FUZZ_RUNS ?? 400)
const TIME_LIMIT_MS = 15_000

type Json = any
interface Operation {
  method: string
  template: string
  params: { name: string; in: string; schema: Json }[]
  body?: Json
  bodyTypes: string[]
  responses: Record<string, Json>
  doc: Json
}

let emulator: Emulator
let client: Api
let operations: Operation[]
const ids: string[] = []
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }))
const validators = new Map<Json, (v: unknown) => boolean>()

beforeAll(async () => {
  emulator = await createEmulator({ clock: 'manual' })
  const docs = [await (await emulator.fetch('/v2/openapi.json')).json(), await (await emulator.fetch('/_emulator/openapi.json')).json()]
  operations = docs.flatMap((doc) =>
    Object.entries(doc.paths as Record<string, Record<string, Json>>).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        template,
        doc,
        params: op.parameters ?? [],
        responses: op.responses,
        body: op.requestBody?.content?.['application/json']?.schema,
        bodyTypes: Object.keys(op.requestBody?.content ?? {}),
      })),
    ),
  )
  client = api(emulator.fetch, freshKey('fuzz'))
  // Real objects of every kind, so ids in paths sometimes exist.
  const source = (await client.post('/v2/sources', { type: 'website', name: 'Fuzz', website: { url: 'https://fuzz.example.com' } })).body.id
  const connection = (await client.post('/v2/connections', { source_id: source, auth_credentials: { username: 'user_mfa', password: 'pw' } })).body.id
  const agent = (await client.post('/v2/agents', { name: 'A', description: 'd' })).body.id
  const task = (await client.post('/v2/tasks', { name: 'T', agent_id: agent, input_schema: { type: 'object' } })).body.id
  const destination = (await client.post('/v2/event-destinations', { name: 'D', type: 'webhook', events: ['*'], webhook: { url: 'http://127.0.0.1:9/hook' } }))
    .body.id
  const event = (await client.get('/v2/events?limit=1')).body.data[0]?.id
  ids.push(...[source, connection, agent, task, destination, event].filter(Boolean))
})
afterAll(() => emulator.close())

const HOSTILE_IDS = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '%2e%2e',
  '..',
  'conn_',
  'a'.repeat(2000),
  '%00',
  '%E2%80%AE',
  'caf%C3%A9',
  '%F0%9F%92%A5',
  '0x10',
  '-1',
]
const JUNK = [
  '',
  ' ',
  '0x10',
  '1e1',
  '-1',
  '99999999999999999999',
  'null',
  'true',
  '[]',
  '{}',
  '%00',
  'constructor',
  '__proto__',
  '*',
  '**',
  'a'.repeat(300),
  '\u202e',
  '😀',
]

const resolve = (doc: Json, schema: Json): Json => {
  let s = schema
  for (let i = 0; s?.$ref && i < 10; i++) s = doc.components.schemas[s.$ref.split('/').pop()]
  return s ?? {}
}

/** A value for a JSON schema (what an honest client would send), depth-bounded. */
function fromSchema(doc: Json, raw: Json, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, raw)
  if (depth > 5) return fc.constant(null)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const union = s.anyOf ?? s.oneOf
  if (union?.length) return fc.oneof(...union.map((x: Json) => fromSchema(doc, x, depth + 1)))
  if (s.allOf?.length) return fromSchema(doc, s.allOf[0], depth + 1)
  const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : []
  if (type.length > 1) return fc.oneof(...type.map((t: string) => fromSchema(doc, { ...s, type: t }, depth + 1)))
  switch (type[0]) {
    case 'null':
      return fc.constant(null)
    case 'boolean':
      return fc.boolean()
    case 'integer':
      return fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? 1000 })
    case 'number':
      return fc.double({ min: s.minimum ?? -10, max: s.maximum ?? 1000, noNaN: true })
    case 'string':
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).map((v) => v.slice(0, s.maxLength ?? 500))
      return fc.oneof(
        fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) }),
        fc.constantFrom(...ids, '1s', 'user_good', 'https://x.example.com', '*', 'connection.connected'),
      )
    case 'array':
      return fc.array(fromSchema(doc, s.items ?? {}, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) })
    case 'object': {
      const props = Object.entries((s.properties ?? {}) as Record<string, Json>)
      if (!props.length) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
      const required = new Set<string>(s.required ?? [])
      return fc.record(Object.fromEntries(props.map(([k, v]) => [k, fromSchema(doc, v, depth + 1)])), {
        requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)),
      })
    }
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

/** Valid, slightly wrong (one field replaced), or arbitrary: most defects hide near the valid shape. */
const bodyFor = (op: Operation): fc.Arbitrary<string | undefined> => {
  const valid = op.body ? fromSchema(op.doc, op.body) : fc.constant({})
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((v) => JSON.stringify(v)) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }))
        .map(([v, k, x]) => JSON.stringify(v && typeof v === 'object' && !Array.isArray(v) ? { ...v, [Object.keys(v)[0] ?? k]: x } : x)),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(undefined, '', '{', '[1,2', 'null', '"x"', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'),
    },
  )
}

const paramValue = (op: Operation, p: { name: string; schema: Json }): fc.Arbitrary<string | undefined> => {
  if (p.name === 'timeout') return fc.constantFrom('1ms', '5ms', 'x', undefined) // long-polls: real time
  const valid = fromSchema(op.doc, p.schema).map((v) => (v === null || v === undefined ? undefined : String(v)))
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...JUNK) }, { weight: 1, arbitrary: fc.constant(undefined) })
}

// The operation is drawn by index (a counterexample then prints the index, not the whole document).
const request = fc.integer({ min: 0, max: 1_000_000 }).chain((n) => {
  const op = operations[n % operations.length]!
  const path = op.params.filter((p) => p.in === 'path')
  const query = op.params.filter((p) => p.in === 'query')
  return fc.record({
    op: fc.constant(n % operations.length),
    method: fc.oneof(
      { weight: 9, arbitrary: fc.constant(op.method) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND') },
    ),
    path: fc
      .tuple(...path.map(() => fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...HOSTILE_IDS))))
      .map((values) => values.reduce((t, v, i) => t.replace(`{${path[i]!.name}}`, v.includes('%') ? v : encodeURIComponent(v)), op.template)),
    query: fc.tuple(...query.map((p) => paramValue(op, p))).map((values) =>
      values
        .map((v, i) => (v === undefined ? '' : `${encodeURIComponent(query[i]!.name)}=${encodeURIComponent(v)}`))
        .filter(Boolean)
        .join('&'),
    ),
    body: bodyFor(op),
    contentType: fc.constantFrom(op.bodyTypes[0] ?? 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded'),
  })
})

function conforms(op: Operation, status: number, body: unknown): string | undefined {
  const res = op.responses[String(status)]
  if (!res) return `status ${status} is not documented`
  const schema = res.content?.['application/json']?.schema
  if (!schema) return undefined
  let validate = validators.get(schema)
  if (!validate) validators.set(schema, (validate = ajv.compile({ ...schema, components: op.doc.components })))
  return validate(body) ? undefined : `body does not match the document: ${ajv.errorsText((validate as any).errors)}`
}

describe('schema-driven fuzz over the OpenAPI documents', () => {
  it('never answers 5xx, always with the envelope on errors, and as documented', async () => {
    const problems = new Set<string>()
    const seenOps = new Set<string>()
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        const r = { ...generated, op: operations[generated.op]! }
        const url = r.query ? `${r.path}?${r.query}` : r.path
        const body = r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body // fetch refuses a body on these
        const headers: Record<string, string> = body === undefined ? {} : { 'content-type': r.contentType }
        const res = await client.call(r.method, url, body, headers)
        seenOps.add(`${r.op.method} ${r.op.template}`)
        // A fault or scenario created by the fuzz must not answer later requests with a scripted 5xx or delay.
        if (r.op.template.startsWith('/_emulator/faults') || r.op.template === '/_emulator/scenario') await client.delete('/_emulator/faults')
        const where = `${r.method} ${url.slice(0, 120)} → ${res.status}`
        expect(res.status, `${where} ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500)
        if (res.status >= 400) {
          expect(res.body?.errors?.[0], where).toMatchObject({ type: expect.any(String), code: expect.any(String), message: expect.any(String) })
          expect(res.body.request_id, where).toMatch(/^req_/)
        }
        if (r.method === r.op.method && res.headers.get('content-type')?.includes('json')) {
          const problem = conforms(r.op, res.status, res.body)
          if (problem) problems.add(`${r.op.method} ${r.op.template} ${res.status}: ${problem}`)
        }
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    )
    expect([...problems]).toEqual([])
    // Far from every operation is reached in a few hundred runs only if the generator broke.
    expect(seenOps.size).toBeGreaterThan(operations.length / 2)
  })
})
