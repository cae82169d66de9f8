/**
 * One credentials-generation lifecycle as an integrator's test does it:
 * create a credential (MFA user) → run a task on it → poll until the run asks
 * (interaction_required) → answer `{input}` → poll until completed. Returns
 * the requests it took and the run's id.
 */
export async function credentialsLifecycle(fetcher, base, key, sourceId, taskId) {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
  const send = async (path, method = 'GET', body) => {
    const res = await fetcher(base + path, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) })
    return res.json()
  }
  const cred = await send('/v2/credentials', 'POST', {
    source_id: sourceId,
    auth_method: 'username_password',
    auth_credentials: { username: 'user_mfa', password: 'pw' },
  })
  let run = await send(`/v2/tasks/${taskId}/run`, 'POST', { credential_id: cred.id })
  let requests = 2
  while (run.status !== 'interaction_required') {
    if (requests > 50) throw new Error(`stuck in ${run.status}: ${JSON.stringify(run)}`)
    run = await send(`/v2/task-runs/${run.id}`)
    requests++
  }
  await send(`/v2/task-runs/${run.id}/interaction`, 'POST', { input: { code: '123456' } })
  requests++
  while (run.status !== 'completed') {
    if (requests > 100) throw new Error(`stuck in ${run.status}`)
    run = await send(`/v2/task-runs/${run.id}`)
    requests++
  }
  return { requests, id: run.id }
}
