import { conformance } from './conformance.js'
import type { Observation } from './drift-report.js'
import { unknownRouteKey, type KnownRoute, type RouteIndex } from './route-index.js'

export interface Inspected {
  /** The route's name in the report (`GET /v2/connections/{id}`). */
  route: string
  known?: KnownRoute
  observations: Observation[]
  /** The parsed body, when it was JSON. */
  json?: unknown
}

/** Paths the proxy forwards but does not judge: the emulator's own description of itself. */
const UNJUDGED = new Set(['/v2/openapi.json'])

/**
 * Judges one upstream response against the emulator's declaration of its
 * route: the status must be documented, and a JSON body must satisfy the
 * schema declared for that status (and carry the `x-request-id` header the
 * contract promises alongside `request_id`).
 */
export function inspectResponse(index: RouteIndex, method: string, path: string, status: number, headers: Headers, body: string): Inspected {
  let json: unknown
  let parsed = false
  if (body.length) {
    try {
      json = JSON.parse(body)
      parsed = true
    } catch {
      // judged below when the route expects JSON
    }
  }
  const withJson = (i: Omit<Inspected, 'json'>): Inspected => (parsed ? { ...i, json } : i)
  if (UNJUDGED.has(path)) return withJson({ route: `${method} ${path}`, observations: [] })
  const known = index.match(method, path)
  if (!known) {
    const route = unknownRouteKey(method, path)
    // 404/405 for a path the emulator does not serve either is the contract's own answer.
    if ((status === 404 || status === 405) && !index.knowsPath(path)) return withJson({ route, observations: [] })
    if (status === 405 && index.knowsPath(path)) return withJson({ route, observations: [] })
    return withJson({
      route,
      observations: [{ kind: 'undocumented_route', path: '', message: `the emulator declares no ${method} route here; upstream answered ${status}` }],
    })
  }
  const observations: Observation[] = []
  const documented = known.responses[status]
  if (!documented) {
    observations.push({
      kind: 'undocumented_status',
      path: '',
      message: `${status} is not a documented answer of this route (documented: ${Object.keys(known.responses).join(', ')})`,
    })
    return withJson({ route: known.key, known, observations })
  }
  const schema = known.schemaFor(status)
  if (method.toUpperCase() !== 'HEAD' && schema !== undefined && (documented.contentType ?? 'application/json') === 'application/json') {
    if (!parsed)
      observations.push({
        kind: 'not_json',
        path: '',
        message: `expected a JSON body, saw ${body.length ? JSON.stringify(body.slice(0, 40)) : 'an empty body'}`,
      })
    else observations.push(...conformance(schema, json))
    if (!headers.get('x-request-id'))
      observations.push({ kind: 'missing_header', path: 'x-request-id', message: 'the contract sends the request id as the x-request-id header too' })
  }
  return withJson({ route: known.key, known, observations })
}
