import type { Context, Hono } from 'hono'
import type { z } from 'zod'
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
  /** No API key needed (health, the API descriptions); mounted before the tenant middleware. */
  public?: boolean
  body?: B
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
  readonly routes: (RouteDef & { fullPath: string })[] = []

  constructor(
    readonly base: string,
    readonly tag: string,
  ) {}

  add<B extends z.ZodType, Q extends z.ZodType>(def: RouteDef<B, Q>): this {
    this.routes.push({ ...(def as unknown as RouteDef), fullPath: this.base + (def.path === '/' ? '' : def.path) })
    return this
  }

  /**
   * One Hono handler per route: the request pipeline around validation and the
   * route's handler (one handler, so Hono calls it directly: see pipeline.ts).
   */
  mount(app: Hono<AppEnv>, pipeline: Pipeline): void {
    for (const route of this.routes) {
      app.on(route.method.toUpperCase(), route.fullPath, (c) => pipeline(c, () => {
        const body = route.body ? validate(route.body, c.get('body') ?? {}) : undefined
        const query = route.query ? validate(route.query, queryObject(new URL(c.req.url).searchParams, route.query)) : undefined
        return route.handler(c, { body, query, id: c.req.param('id') ?? '' })
      }))
    }
  }
}
