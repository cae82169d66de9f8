import type { setup } from './api.js'
import { agentAndTask } from './tasks.js'

type Ctx = Awaited<ReturnType<typeof setup>>

/** A credential on a fresh API source (magic credentials: the username picks the outcome). */
export async function credential(ctx: Ctx, username = 'user_good', extra: Record<string, unknown> = {}, sourceId?: string) {
  const source = sourceId ?? (await ctx.source())
  const res = await ctx.client.post('/v2/credentials', {
    source_id: source,
    auth_method: 'username_password',
    auth_credentials: { username, password: 'pw' },
    ...extra,
  })
  if (res.status !== 201) throw new Error(`credential create failed: ${JSON.stringify(res.body)}`)
  return { sourceId: source, credentialId: res.body.id as string }
}

/** An agent and a task with no input schema (default run script: running 1 s, then completed). */
export const plainTask = (ctx: Ctx, task: Record<string, unknown> = {}) => agentAndTask(ctx, { input_schema: null, ...task })

export async function runOn(ctx: Ctx, taskId: string, body: Record<string, unknown>) {
  const res = await ctx.client.post(`/v2/tasks/${taskId}/run`, body)
  if (res.status !== 201) throw new Error(`run failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body as { id: string; session_id: string; status: string }
}

export const getRun = async (ctx: Ctx, id: string, query = '') => (await ctx.client.get(`/v2/task-runs/${id}${query}`)).body
export const getSession = async (ctx: Ctx, id: string) => (await ctx.client.get(`/v2/sessions/${id}`)).body
export const getCredential = async (ctx: Ctx, id: string) => (await ctx.client.get(`/v2/credentials/${id}`)).body
