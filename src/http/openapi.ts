import { ID_PREFIX, type IdKind } from '../domain/ids.js'
import * as z from 'zod'
import { ErrorEnvelope } from './schemas/common.js'
import type { RouteDef, Router } from './route.js'

const toOpenApiPath = (path: string) => path.replace(/:([a-zA-Z_]+)/g, '{$1}')

type Json = Record<string, unknown>

const MUTATIONS = new Set(['post', 'put', 'patch', 'delete'])
/** Every route that reads a body can answer 413 (body size limit): documented on each, so clients and fuzzers expect it. */
function withBodyErrors(route: RouteDef): RouteDef['responses'] {
  if (!MUTATIONS.has(route.method) || route.responses[413] || route.public) return route.responses
  return { ...route.responses, 413: { description: 'Body too large (`payload_too_large`)', schema: ErrorEnvelope } }
}

/**
 * Shared schemas (those with a `.meta({ id })`) are hoisted into
 * `components/schemas` and referenced as `#/components/schemas/Name`: zod
 * emits them as a `$defs` block inside each schema with `#/$defs/Name` refs,
 * which an OpenAPI tool resolves from the document root, where they don't
 * exist. The input form of a schema (request bodies, defaults optional) and its
 * output form can differ: the input one is then named `NameInput`.
 */
class Components {
  readonly schemas: Record<string, Json> = {}

  schema(schema: z.ZodType, io: 'input' | 'output'): Json {
    const out = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as Json
    delete out.$schema
    const defs = (out.$defs ?? {}) as Record<string, Json>
    delete out.$defs
    const names = new Map<string, string>()
    for (const [id, def] of Object.entries(defs)) names.set(id, this.nameFor(id, def, io))
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite)
      if (!value || typeof value !== 'object') return value
      const copy: Json = {}
      for (const [k, v] of Object.entries(value)) {
        copy[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? `#/components/schemas/${names.get(v.slice(8)) ?? v.slice(8)}` : rewrite(v)
      }
      return copy
    }
    for (const [id, def] of Object.entries(defs)) this.schemas[names.get(id)!] = rewrite(def) as Json
    return rewrite(out) as Json
  }

  /** The raw (zod) form each name was given for: the same schema reuses its name, a different one gets another. */
  private readonly raw = new Map<string, string>()

  private nameFor(id: string, def: Json, io: 'input' | 'output'): string {
    const text = JSON.stringify(def)
    const candidates = [id, io === 'output' ? `${id}Output` : `${id}Input`]
    for (let i = 2; ; i++) {
      const name = candidates.shift() ?? `${id}${i}`
      const seen = this.raw.get(name)
      if (seen === undefined) this.raw.set(name, text)
      if (seen === undefined || seen === text) return name
    }
  }
}

export type OpenApiDoc = ReturnType<typeof openApiDocument>

/** OpenAPI 3.1 built from the same route definitions and zod schemas that validate requests. */
export function openApiDocument(
  routers: Router[],
  info: { title: string; version: string; description?: string },
  servers: { url: string }[] = [],
  /** Which routes to describe (a tenant's generation); default all. */
  include: (route: Router['routes'][number]) => boolean = () => true,
) {
  const paths: Record<string, Record<string, unknown>> = {}
  const components = new Components()
  const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => components.schema(schema, io)
  const rawBody = (def: NonNullable<RouteDef['rawBody']>) => {
    const schema = def.schema ? jsonSchema(def.schema, 'input') : { type: 'string' }
    return { required: true, description: def.description, content: Object.fromEntries(def.contentTypes.map((type) => [type, { schema }])) }
  }
  const queryParameters = (schema: z.ZodType) => {
    const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] }
    return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }))
  }
  for (const router of routers) {
    for (const route of router.routes) {
      if (!include(route)) continue
      const path = toOpenApiPath(route.fullPath)
      const params = [...route.fullPath.matchAll(/:([a-zA-Z_]+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        description: pathIdDescription(route.fullPath, m.index!),
        schema: { type: 'string', minLength: 1 },
      }))
      const query = route.query ? queryParameters(route.query) : []
      const operation: Record<string, unknown> = {
        tags: [router.tag],
        summary: route.summary,
        operationId: `${route.method}${route.fullPath.replace(/[/:{}-]+(\w)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
        ...(route.description ? { description: route.description } : {}),
        ...(route.public ? { security: [] } : {}),
        parameters: [...params, ...query],
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
        ...(route.rawBody ? { requestBody: rawBody(route.rawBody) } : {}),
        responses: Object.fromEntries(
          Object.entries(withBodyErrors(route)).map(([status, res]) => [
            status,
            {
              description: res.description,
              ...(res.schema
                ? { content: { [res.contentType ?? 'application/json']: { schema: jsonSchema(res.schema, 'output') } } }
                : res.contentType
                  ? { content: { [res.contentType]: {} } }
                  : {}),
            },
          ]),
        ),
      }
      ;(paths[path] ??= {})[route.method] = operation
    }
  }
  return {
    openapi: '3.1.0',
    info,
    servers,
    security: [{ bearer: [] }],
    components: {
      schemas: components.schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Any sk_test_… key; each key is its own tenant.' } },
    },
    paths,
  }
}

/** The resource a path segment names, by its collection (`/v2/connections/:id` → connection). */
const COLLECTION_KINDS: Record<string, IdKind> = {
  sources: 'source',
  connections: 'connection',
  agents: 'agent',
  tasks: 'task',
  'task-runs': 'task_run',
  events: 'event',
  'event-destinations': 'event_destination',
  credentials: 'credential',
  sessions: 'session',
  storage: 'storage',
}

/**
 * Path ids are documented, not constrained: ids the emulator makes carry their kind's prefix, but a
 * scenario's own ids (`src_acme_bank`, `task_statements`) are used as written, and any id that names
 * nothing is a 404 `…_not_found` rather than a 400 (as Deck answers).
 */
function pathIdDescription(fullPath: string, at: number): string {
  const collection = fullPath.slice(0, at).split('/').filter(Boolean).at(-1) ?? ''
  const kind = COLLECTION_KINDS[collection]
  if (!kind) return 'An id; one that names nothing is a 404.'
  return `The ${kind.replace(/_/g, ' ')} id (the emulator makes \`${ID_PREFIX[kind]}…\` ids; scenario ids are used as written). An id that names nothing in this tenant is a 404.`
}
