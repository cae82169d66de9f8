import { describe, expect, it } from 'vitest'
import { RUN_ACTIONS } from './actions-runs.js'

describe('task-run dashboard actions', () => {
  it("answer with each generation's shape", () => {
    expect(RUN_ACTIONS.answer_run!({ task_run_id: 'trun_1', generation: 'connections', 'input.code': ' 1 ' })).toMatchObject({
      path: '/v2/task-runs/trun_1/interaction',
      body: { inputs: { code: '1' } },
    })
    expect(RUN_ACTIONS.answer_run!({ task_run_id: 'trun_1', generation: 'credentials', 'input.code': '1' })).toMatchObject({ body: { input: { code: '1' } } })
  })

  it('review calls the control plane with a boolean, and refuses anything else', () => {
    expect(RUN_ACTIONS.review_run!({ task_run_id: 'trun/1', approve: 'false' })).toMatchObject({
      method: 'POST',
      path: '/_emulator/task-runs/trun%2F1/review',
      body: { approve: false },
    })
    expect(RUN_ACTIONS.review_run!({ task_run_id: 'trun_1', approve: 'true' }).body).toEqual({ approve: true })
    expect(() => RUN_ACTIONS.review_run!({ task_run_id: 'trun_1', approve: 'yes' })).toThrow(/approve/)
    expect(() => RUN_ACTIONS.cancel_run!({})).toThrow(/task_run_id/)
    expect(RUN_ACTIONS.end_session!({ session_id: 'sess_1' }).path).toBe('/v2/sessions/sess_1/end')
  })
})
