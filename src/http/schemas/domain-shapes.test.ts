import type { z } from 'zod'
import { describe, expect, it } from 'vitest'
import type { Connection, DeckEvent, Interaction, Source } from '../../domain/types.js'
import type { ConnectionSchema, InteractionSchema } from './connections.js'
import type { Credential } from '../../domain/credential.js'
import type { Session } from '../../domain/session.js'
import type { Task } from '../../domain/task.js'
import type { CredentialSchema, SessionSchema } from './credentials.js'
import type { EventSchema } from './events.js'
import type { TaskSchema } from './tasks.js'
import type { SourceSchema } from './sources.js'

/**
 * The response shapes are still written twice — as interfaces in domain/types.ts (what the code builds and
 * the client exports) and as zod here (what the OpenAPI document shows) — because domain/ may not import
 * http/. Until one source exists, `npm run typecheck` fails as soon as the two drift apart, either way.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const same = <T extends true>(checks: T[]) => checks.length

describe('response shapes', () => {
  it('match between domain/types.ts and the zod schemas (checked by tsc)', () => {
    expect(same<Same<Connection, z.output<typeof ConnectionSchema>>>([true])).toBe(1)
    expect(same<Same<Interaction, z.output<typeof InteractionSchema>>>([true])).toBe(1)
    expect(same<Same<Source, z.output<typeof SourceSchema>>>([true])).toBe(1)
    expect(same<Same<DeckEvent, z.output<typeof EventSchema>>>([true])).toBe(1)
    expect(same<Same<Credential, z.output<typeof CredentialSchema>>>([true])).toBe(1)
    expect(same<Same<Session, z.output<typeof SessionSchema>>>([true])).toBe(1)
    expect(same<Same<Task, z.output<typeof TaskSchema>>>([true])).toBe(1)
  })
})
