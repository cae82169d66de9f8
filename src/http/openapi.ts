import { z } from 'zod'
import type { Router } from './route.js'

const toOpenApiPath = (path: string) => path.replace(/:([a-zA-Z_]+)/g, '{$1}')

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as Record<string, unknown>
  delete out.$schema
  return out
}

export type OpenApiDoc = ReturnType<typeof openApiDocument>

/** OpenAPI 3.1 built from the same route definitions and zod schemas that validate requests. */
export function openApiDocument(
  routers: Router[], info: { title: string; version: string; description?: string }, servers: { url: string }[] = [],
  /** Which routes to describe (a tenant's generation); default all. */
  include: (route: Router['routes'][number]) => boolean = () => true,
) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const router of routers) {
    for (const route of router.routes) {
      if (!include(route)) continue
      const path = toOpenApiPath(route.fullPath)
      const params = [...route.fullPath.matchAll(/:([a-zA-Z_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
      const query = route.query ? queryParameters(route.query) : []
      const operation: Record<string, unknown> = {
        tags: [router.tag],
        summary: route.summary,
        operationId: `${route.method}${route.fullPath.replace(/[/:{}-]+(\w)?/g, (_, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
        ...(route.description ? { description: route.description } : {}),
        ...(route.public ? { security: [] } : {}),
        parameters: [...params, ...query],
        ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
        responses: Object.fromEntries(Object.entries(route.responses).map(([status, res]) => [
          status,
          {
            description: res.description,
            ...(res.schema ? { content: { [res.contentType ?? 'application/json']: { schema: jsonSchema(res.schema, 'output') } } }
              : res.contentType ? { content: { [res.contentType]: {} } } : {}),
          },
        ])),
      }
      ;(paths[path] ??= {})[route.method] = operation
    }
  }
  return {
    openapi: '3.1.0',
    info,
    servers,
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Any sk_test_… key; each key is its own tenant.' } } },
    paths,
  }
}

function queryParameters(schema: z.ZodType) {
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s }))
}
