import { describe, expect, it } from 'vitest'
import { eventTypeGeneration, generationNotServed, generationOfPath, servedGenerations, serves } from './generation.js'

describe('generation', () => {
  it('a setting serves shared things, its own generation, and both when `both`', () => {
    expect(serves('both', 'connections')).toBe(true)
    expect(serves('both', 'credentials')).toBe(true)
    expect(serves('connections', 'shared')).toBe(true)
    expect(serves('connections', 'credentials')).toBe(false)
    expect(serves('credentials', 'connections')).toBe(false)
    expect(serves('credentials', 'credentials')).toBe(true)
    expect(servedGenerations('both')).toEqual(['connections', 'credentials'])
    expect(servedGenerations('credentials')).toEqual(['credentials'])
  })

  it('knows the credentials prefixes whole segments only', () => {
    expect(generationOfPath('/v2/credentials')).toBe('credentials')
    expect(generationOfPath('/v2/credentials/cred_1')).toBe('credentials')
    expect(generationOfPath('/v2/sessions/sess_1/end')).toBe('credentials')
    expect(generationOfPath('/v2/storage/stor_1')).toBeUndefined()
    expect(generationOfPath('/v2/token')).toBeUndefined()
    expect(generationOfPath('/v2/tokens')).toBeUndefined()
    expect(generationOfPath('/v2/connections/conn_1')).toBe('connections')
    expect(generationOfPath('/v2/task-runs')).toBeUndefined()
  })

  it('tags event types by the contract', () => {
    expect(eventTypeGeneration('connection.connected')).toBe('connections')
    expect(eventTypeGeneration('task_run.pending')).toBe('connections')
    for (const t of ['credential.created', 'session.idle', 'task_run.canceling', 'task_run.review_required']) expect(eventTypeGeneration(t)).toBe('credentials')
    for (const t of ['task.reset', 'storage.created', 'task_run.completed', 'source.created', 'agent.deleted']) expect(eventTypeGeneration(t)).toBe('shared')
  })

  it('the 404 names the generation the tenant serves', () => {
    const error = generationNotServed('credentials', 'POST /v2/connections')
    expect(error.status).toBe(404)
    expect(error.details[0]).toMatchObject({ type: 'request', code: 'route_not_found' })
    expect(error.message).toMatch(/^this tenant serves the credentials generation; POST \/v2\/connections belongs to the connections generation/)
  })
})
