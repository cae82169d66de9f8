import type { Context, Hono } from 'hono'
import type { z } from 'zod'
import { generationOfPath, type GenerationTag } from '../domain/generation.js'
import { assertServes } from '../tenant/generation.js'
import type { AppEnv } from './env.js'
import type { Pipeline } from './pipeline.js'
import { queryObject } from './query.js'
import { validate } from './validation.js'

export interface ResponseDef {
  description: string
  schema?: z.ZodType
  /** @default 'application/json' */
  contentType?: string
}

export interface RouteDef<B extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete'
  /** Hono-style path relative to the router's base, e.g. `/:id/reopen`. */
  path: string
  summary: string
  description?: string
  /**
   * The API generation the route belongs to (deck-api-credentials.md §0); default: the router's, else the
   * generation of its path prefix (`/v2/connections`, `/v2/credentials`, `/v2/sessions`:
   * domain/generation.ts), else shared. A tenant pinned to the other generation answers it
   * with the generation-naming 404, and its OpenAPI document leaves it out.
   */
  generation?: GenerationTag
  /** No API key needed (health, the API descriptions); mounted before the tenant middleware. */
  public?: boolean
  body?: B
  /** A body the route reads itself (not JSON-validated by `body`), documented only: e.g. the YAML scenario upload. */
  rawBody?: { description: string; contentTypes: string[]; schema?: z.ZodType }
  query?: Q
  responses: Record<number, ResponseDef>
  handler: (c: Context<AppEnv>, input: { body: z.output<B>; query: z.output<Q>; id: string }) => Response | Promise<Response>
}

/**
 * Routes are declared once, with their zod schemas: the same definition
 * validates requests, mounts the Hono handler and writes the OpenAPI
 * document, so the document cannot drift from what is served.
 */
export class Router {
  readonly routes: (RouteDef & { fullPath: string; generationTag: GenerationTag })[] = []

  constructor(
    readonly base: string,
    readonly tag: string,
    /** The generation of every route added (a route's own `generation` wins); none: shared by both. */
    readonly generation?: GenerationTag,
  ) {}

  add<B extends z.ZodType, Q extends z.ZodType>(def: RouteDef<B, Q>): this {
    const fullPath = this.base + (def.path === '/' ? '' : def.path)
    // A route under a generation's own prefix belongs to it unless it says otherwise: forgetting the tag cannot serve it to the other generation.
    const generationTag = def.generation ?? this.generation ?? generationOfPath(fullPath) ?? 'shared'
    this.routes.push({ ...(def as unknown as RouteDef), fullPath, generationTag })
    return this
  }

  /**
   * One Hono handler per route: the request pipeline around validation and the
   * route's handler (one handler, so Hono calls it directly: see pipeline.ts).
   */
  mount(app: Hono<AppEnv>, pipeline: Pipeline): void {
    for (const route of this.routes) {
      const what = `${route.method.toUpperCase()} ${route.fullPath.replace(/:([a-zA-Z_]+)/g, '{$1}')}`
      app.on(route.method.toUpperCase(), route.fullPath, (c) =>
        pipeline(c, () => {
          // Before validation: a pinned tenant has no such route, whatever the body says.
          if (route.generationTag !== 'shared' && !route.public) assertServes(c.get('tenant'), route.generationTag, what)
          const body = route.body ? validate(route.body, c.get('body') ?? {}) : undefined
          const query = route.query ? validate(route.query, queryObject(new URL(c.req.url).searchParams, route.query)) : undefined
          return route.handler(c, { body, query, id: c.req.param('id') ?? '' })
        }),
      )
    }
  }
}
