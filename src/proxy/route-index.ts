import * as z from 'zod'
import { apiRouters } from '../http/routes/index.js'
import type { ResponseDef, Router } from '../http/route.js'
import type { JsonSchema } from './conformance.js'

/** A Deck API route the emulator declares, matched for one request. */
export interface KnownRoute {
  /** `GET /v2/connections/{id}`: the route's name in reports. */
  key: string
  /** Path parameters by name (`id`). */
  params: Record<string, string>
  /** Documented statuses → what the body must look like (undefined: no body schema). */
  responses: Record<number, ResponseDef>
  /** The JSON Schema a response with this status must satisfy, or undefined when none is declared. */
  schemaFor(status: number): JsonSchema | undefined
}

interface Entry {
  method: string
  regex: RegExp
  names: string[]
  key: string
  responses: Record<number, ResponseDef>
  schemas: Map<number, JsonSchema | undefined>
}

const toKey = (method: string, fullPath: string) => `${method.toUpperCase()} ${fullPath.replace(/:([a-zA-Z_]+)/g, '{$1}')}`

/**
 * Every route of the emulator's Deck API routers (the same declarations that
 * validate requests and write /v2/openapi.json), so routes added later are
 * checked without touching the proxy. Literal paths win over parameterised
 * ones (`/v2/event-types` before `/v2/events/{id}`-like patterns).
 */
export function routeIndex(routers: Router[] = apiRouters) {
  const entries: Entry[] = []
  for (const router of routers) {
    for (const route of router.routes) {
      const names = [...route.fullPath.matchAll(/:([a-zA-Z_]+)/g)].map((m) => m[1]!)
      const regex = new RegExp(`^${route.fullPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-zA-Z_]+/g, '([^/]+)')}/?$`)
      entries.push({
        method: route.method.toUpperCase(),
        regex,
        names,
        key: toKey(route.method, route.fullPath),
        responses: route.responses,
        schemas: new Map(),
      })
    }
  }
  entries.sort((a, b) => a.names.length - b.names.length)
  return {
    match(method: string, path: string): KnownRoute | undefined {
      const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()
      for (const entry of entries) {
        if (entry.method !== verb) continue
        const m = entry.regex.exec(path)
        if (!m) continue
        const params = Object.fromEntries(entry.names.map((name, i) => [name, decodeURIComponent(m[i + 1]!)]))
        return {
          key: entry.key,
          params,
          responses: entry.responses,
          schemaFor(status) {
            if (!entry.schemas.has(status)) {
              const schema = entry.responses[status]?.schema
              entry.schemas.set(
                status,
                schema
                  ? (z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as JsonSchema)
                  : undefined,
              )
            }
            return entry.schemas.get(status)
          },
        }
      }
      return undefined
    },
    /** True when some route has this path with another method (a 405 is then the documented answer). */
    knowsPath(path: string): boolean {
      return entries.some((e) => e.regex.test(path))
    },
  }
}

export type RouteIndex = ReturnType<typeof routeIndex>

/** A name for a path no route declares: id-like segments become `{id}` so one new route groups as one. */
export function unknownRouteKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path
    .split('/')
    .map((s) => (/^[a-z]+_[A-Za-z0-9_]{6,}$/.test(s) ? '{id}' : s))
    .join('/')}`
}
