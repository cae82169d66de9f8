import { describe, expect, it } from 'vitest'
import { credentialRunView, newCredentialRun, transitionCredentialRun } from './credential-run.js'

const run = () =>
  newCredentialRun(
    {
      id: 'trun_1',
      task_id: 'task_1',
      credential_id: 'cred_1',
      session_id: 'sess_1',
      agent_id: 'agt_1',
      source_id: 'src_1',
      input: { q: 1 },
      created_at: 't0',
    },
    'ext',
  )

describe('credentials-generation task run', () => {
  it('summary events with external_id and no input/output; input only when included', () => {
    const { object, events } = run()
    expect(events[0]!.data).toEqual({
      id: 'trun_1',
      object: 'task_run',
      status: 'queued',
      result: null,
      task_id: 'task_1',
      credential_id: 'cred_1',
      session_id: 'sess_1',
      agent_id: 'agt_1',
      source_id: 'src_1',
      runtime_ms: null,
      created_at: 't0',
      updated_at: 't0',
      external_id: 'ext',
    })
    expect(credentialRunView(object, new Set())).not.toHaveProperty('input')
    expect(credentialRunView(object, new Set(['input']))).toMatchObject({ input: { q: 1 }, workflow_id: null })
  })

  it('canceling → canceled sets canceled_at; review_required leads to completed or failed', () => {
    let r = transitionCredentialRun(run().object, 'running', 't1').object
    const canceling = transitionCredentialRun(r, 'canceling', 't2')
    expect(canceling.events[0]!.type).toBe('task_run.canceling')
    expect(transitionCredentialRun(canceling.object, 'canceled', 't3').object).toMatchObject({ status: 'canceled', canceled_at: 't3', result: null })
    r = transitionCredentialRun(r, 'review_required', 't2').object
    expect(transitionCredentialRun(r, 'completed', 't3', { output: { n: 1 } }).object).toMatchObject({ result: 'success', output: { n: 1 } })
    expect(() => transitionCredentialRun(canceling.object, 'running', 't3')).toThrow()
  })
})
