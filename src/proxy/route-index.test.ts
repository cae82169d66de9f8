import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Router } from '../http/route.js'
import { conformance } from './conformance.js'
import { routeIndex, unknownRouteKey } from './route-index.js'

describe("routeIndex: the routes the proxy judges come from the emulator's own declarations", () => {
  it('knows every Deck API route the emulator serves', () => {
    const index = routeIndex()
    expect(index.match('GET', '/v2/connections/conn_abc')?.key).toBe('GET /v2/connections/{id}')
    expect(index.match('POST', '/v2/tasks/task_1/run')).toMatchObject({ key: 'POST /v2/tasks/{id}/run', params: { id: 'task_1' } })
    expect(index.match('GET', '/v2/event-types')?.key).toBe('GET /v2/event-types')
    expect(index.match('DELETE', '/v2/connections/conn_abc')).toBeUndefined()
    expect(index.knowsPath('/v2/connections/conn_abc')).toBe(true)
  })

  it('checks a route declared later without any change to the proxy', () => {
    const widgets = new Router('/v2/widgets', 'Widgets').add({
      method: 'get',
      path: '/:id',
      summary: 'A widget',
      responses: { 200: { description: 'The widget', schema: z.object({ id: z.string(), colour: z.enum(['red', 'blue']) }) } },
      handler: () => new Response(),
    })
    const route = routeIndex([widgets]).match('GET', '/v2/widgets/wdg_1')!
    expect(route.key).toBe('GET /v2/widgets/{id}')
    expect(conformance(route.schemaFor(200)!, { id: 'wdg_1', colour: 'green' }).map((d) => d.kind)).toEqual(['enum_value'])
    expect(route.schemaFor(404)).toBeUndefined()
  })

  it('names an unknown route with id-like segments folded', () => {
    expect(unknownRouteKey('get', '/v2/credentials/cred_abcdef123/sessions')).toBe('GET /v2/credentials/{id}/sessions')
  })
})
