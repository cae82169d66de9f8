import { describe, expect, it } from 'vitest'
import { setup } from './helpers/api.js'
import { credential, plainTask, runOn } from './helpers/credentials.js'

describe('credentials generation: bad input always gets a Deck envelope, never a 500', () => {
  it('answers every odd request with a 4xx error envelope', async () => {
    const ctx = await setup()
    const { taskId } = await plainTask(ctx)
    const { credentialId, sourceId } = await credential(ctx, 'user_mfa')
    const run = await runOn(ctx, taskId, { credential_id: credentialId })
    const none = (await ctx.client.post('/v2/credentials', { source_id: sourceId })).body.id
    const cases: [string, string, unknown?][] = [
      ['POST', '/v2/credentials', []],
      ['POST', '/v2/credentials', 'not json'],
      ['POST', '/v2/credentials', { source_id: sourceId, auth_method: 'username_password', auth_credentials: 'x' }],
      [
        'POST',
        '/v2/credentials',
        { source_id: sourceId, auth_method: 'username_password', auth_credentials: { username: 'u', password: 'p', source_fields: [] } },
      ],
      ['PATCH', `/v2/credentials/${credentialId}`, { auth_credentials: null }],
      ['PATCH', `/v2/credentials/${none}`, { auth_credentials: { password: 'p' } }],
      ['PATCH', '/v2/credentials/cred_missing', {}],
      ['GET', '/v2/credentials?status[]='],
      ['GET', '/v2/credentials?limit=0'],
      ['GET', '/v2/task-runs?outcome=maybe'],
      ['GET', '/v2/task-runs?created_after=yesterday'],
      ['POST', `/v2/task-runs/${run.id}/interaction`, {}],
      ['POST', `/v2/task-runs/${run.id}/interaction`, { input: { code: {} } }],
      ['POST', `/v2/task-runs/${run.id}/interaction`, { input: {} }],
      ['POST', `/v2/tasks/${taskId}/run`, { credential_id: credentialId, input: 'x' }],
      ['POST', `/v2/tasks/${taskId}/run`, { credential_id: 42 }],
      ['POST', '/v2/tasks/task_missing/run', { credential_id: credentialId }],
      ['POST', '/v2/sessions/sess_missing/end'],
      ['PUT', `/v2/sessions/${run.session_id}`],
      ['GET', '/v2/sessions'],
      ['POST', `/_emulator/task-runs/${run.id}/review`, { approve: 'yes' }],
      ['POST', `/_emulator/task-runs/${run.id}/review`, { approve: true }],
      ['POST', `/_emulator/sessions/${run.session_id}/transition`, {}],
      ['GET', `/_emulator/wait?session=sess_missing&status=idle`],
    ]
    for (const [method, path, body] of cases) {
      const res = await ctx.client.call(method, path, body)
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400)
      expect(res.status, `${method} ${path}`).toBeLessThan(500)
      expect(res.body.errors?.[0]?.code, `${method} ${path}`).toEqual(expect.any(String))
      expect(JSON.stringify(res.body), `${method} ${path}`).not.toMatch(/at \S+\.(ts|js):\d+/)
    }
  })
})
