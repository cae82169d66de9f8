import { describe, expect, it } from 'vitest'
import { Router } from './route.js'
import { routeTable } from './route-table.js'

const route = (path: string) => ({ method: 'get' as const, path, summary: path, responses: {}, handler: () => new Response() })

describe('routeTable.generationOf', () => {
  it('knows the credentials prefixes before any route has them, and only the tag once one does', () => {
    const empty = routeTable([])
    expect(empty.generationOf('/v2/credentials/cred_1')).toBe('credentials')
    expect(empty.generationOf('/v2/widgets')).toBeUndefined()
    // A real route under a credentials prefix: its tag decides (here shared), not the prefix…
    const shared = routeTable([new Router('/v2/token', 'Token', 'shared').add(route('/'))])
    expect(shared.generationOf('/v2/token')).toBe('shared')
    // …and with no tag it belongs to the prefix's generation, so a forgotten tag serves nothing to the other one.
    const untagged = routeTable([new Router('/v2/credentials', 'Credentials').add(route('/:id')), new Router('/v2/connections', 'Connections').add(route('/'))])
    expect(untagged.generationOf('/v2/credentials/cred_1')).toBe('credentials')
    expect(untagged.generationOf('/v2/connections')).toBe('connections')
    // A tagged route under a new path needs no prefix at all.
    const tagged = routeTable([new Router('/v2/things', 'Things', 'credentials').add(route('/:id')).add({ ...route('/'), generation: 'connections' })])
    expect(tagged.generationOf('/v2/things/t_1')).toBe('credentials')
    expect(tagged.generationOf('/v2/things')).toBe('connections')
    // Routes of both tags on one path make it shared (the method decides the route).
    const mixed = routeTable([new Router('/v2/mixed', 'M', 'credentials').add(route('/')), new Router('/v2/mixed', 'M').add({ ...route('/'), method: 'post' })])
    expect(mixed.generationOf('/v2/mixed')).toBe('shared')
  })
})
