import { describe, expect, it } from 'vitest'
import { checkRunSteps, resolveRun, type TaskScript } from './run-script.js'
import { defaultRun } from '../fixtures/default-run.js'
import { ACTIVE_TASK_RUN, CANCELABLE, newTaskRun, TASK_RUN_STATUSES, TASK_RUN_TRANSITIONS, transitionTaskRun, type TaskRun } from './task-run.js'

const T0 = '2026-01-01T00:00:00.000Z'
const T1 = '2026-01-01T00:00:01.000Z'
const base = () =>
  newTaskRun({ id: 'trun_1', task_id: 'task_1', agent_id: 'agt_1', source_id: 'src_1', connection_id: 'conn_1', input: { q: 1 }, created_at: T0 }, 'ext').object
const at = (status: TaskRun['status']): TaskRun => ({ ...base(), status })

describe('task-run state machine', () => {
  it('a new run is queued, with the documented key order, and a queued event with external_id', () => {
    const { object, events } = newTaskRun(
      { id: 'trun_1', task_id: 'task_1', agent_id: 'agt_1', source_id: 'src_1', connection_id: 'conn_1', input: {}, created_at: T0 },
      'ext',
    )
    expect(object).toMatchObject({ status: 'queued', result: null, output: null, errors: [], interaction: null, runtime_ms: null, canceled_at: null })
    expect(events).toEqual([{ type: 'task_run.queued', data: expect.objectContaining({ id: 'trun_1', external_id: 'ext' }) }])
    expect(Object.keys(events[0]!.data).slice(0, 10)).toEqual([
      'id',
      'object',
      'status',
      'result',
      'task_id',
      'agent_id',
      'source_id',
      'connection_id',
      'external_id',
      'input',
    ])
  })

  for (const from of TASK_RUN_STATUSES) {
    for (const to of TASK_RUN_STATUSES) {
      const allowed = TASK_RUN_TRANSITIONS[from].includes(to)
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'invalid_state'}`, () => {
        if (allowed) expect(transitionTaskRun(at(from), to, T1).object.status).toBe(to)
        else expect(() => transitionTaskRun(at(from), to, T1)).toThrow(expect.objectContaining({ status: 409, code: 'invalid_state' }))
      })
    }
  }

  it('terminal statuses are final; cancel only from queued, running, pending', () => {
    for (const s of ['completed', 'failed', 'canceled'] as const) expect(TASK_RUN_TRANSITIONS[s]).toEqual([])
    expect(CANCELABLE).toEqual(['queued', 'running', 'pending'])
    expect(TASK_RUN_STATUSES.filter((s) => TASK_RUN_TRANSITIONS[s].includes('canceled'))).toEqual([...CANCELABLE])
    expect(ACTIVE_TASK_RUN.every((s) => TASK_RUN_TRANSITIONS[s].includes('failed'))).toBe(true)
  })

  it('fills result, output, interaction and canceled_at by status', () => {
    const completed = transitionTaskRun(at('running'), 'completed', T1, { output: { a: 1 }, runtime_ms: 1000 }).object
    expect(completed).toMatchObject({ result: 'success', output: { a: 1 }, runtime_ms: 1000, updated_at: T1 })
    const failed = transitionTaskRun(at('running'), 'failed', T1, { errors: [{ type: 'task', code: 'x', message: 'm' }] }).object
    expect(failed).toMatchObject({ result: 'failure', output: null, errors: [{ code: 'x' }] })
    expect(transitionTaskRun(at('running'), 'failed', T1, { result: 'unknown' }).object.result).toBe('unknown')
    expect(transitionTaskRun(at('pending'), 'canceled', T1).object).toMatchObject({ result: null, canceled_at: T1 })
    const interaction = { type: 'mfa' as const, message: 'code?', fields: [{ name: 'code', type: 'string' as const, label: 'Code' }] }
    const asking = transitionTaskRun(at('running'), 'interaction_required', T1, { interaction }).object
    expect(asking.interaction).toEqual(interaction)
    expect(transitionTaskRun(asking, 'running', T1).object.interaction).toBeNull()
  })

  it('events are named task_run.<status> and carry the full object', () => {
    const { events } = transitionTaskRun(at('running'), 'pending', T1, {}, null)
    expect(events).toEqual([{ type: 'task_run.pending', data: expect.objectContaining({ status: 'pending', external_id: null, input: { q: 1 } }) }])
  })
})

describe('run scripts', () => {
  it('default: run 1 s, then complete', () => {
    expect(resolveRun(undefined, 'src', 'u', defaultRun())).toEqual([{ kind: 'duration', ms: 1000 }])
  })

  it('overrides: first match by source and/or username', () => {
    const script: TaskScript = {
      run: [{ kind: 'duration', ms: 1 }],
      overrides: [
        { source_id: 'src_a', username: 'bob', run: [{ kind: 'duration', ms: 2 }] },
        { username: 'bob', run: [{ kind: 'duration', ms: 3 }] },
        { source_id: 'src_a', run: [{ kind: 'duration', ms: 4 }] },
      ],
    }
    const ms = (s: string, u: string | null) => (resolveRun(script, s, u, defaultRun())[0] as { ms: number }).ms
    expect([ms('src_a', 'bob'), ms('src_b', 'bob'), ms('src_a', 'amy'), ms('src_b', null)]).toEqual([2, 3, 4, 1])
  })

  it('checks the shape: queued first, terminal steps last, only output/fail after pending', () => {
    const fail = { kind: 'fail', type: 'task', code: 'x', message: 'm', result: 'failure' } as const
    expect(
      checkRunSteps([
        { kind: 'queued', ms: 1 },
        { kind: 'pending', ms: 1 },
        { kind: 'output', value: 1 },
      ]),
    ).toBeUndefined()
    expect(
      checkRunSteps([
        { kind: 'duration', ms: 1 },
        { kind: 'queued', ms: 1 },
      ])?.index,
    ).toBe(1)
    expect(checkRunSteps([fail, { kind: 'duration', ms: 1 }])?.index).toBe(0)
    expect(
      checkRunSteps([
        { kind: 'pending', ms: 1 },
        { kind: 'duration', ms: 1 },
      ])?.index,
    ).toBe(0)
  })
})
