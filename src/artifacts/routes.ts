import type { Context } from 'hono'
import * as z from 'zod'
import type { AppEnv } from '../http/env.js'
import { reply } from '../http/respond.js'
import { Router } from '../http/route.js'
import { commonErrors, ListQuery, notFound, pageOf, Timestamp, withRequestId } from '../http/schemas/common.js'
import { TaskSchema } from '../http/schemas/tasks.js'
import { errors } from '../domain/errors.js'
import { resetTask } from '../tasks/service.js'
import { issueToken } from '../token/service.js'
import { shotRunById } from './runs.js'
import { listRunScreenshots } from './screenshots.js'
import { getStorageItem, listRunStorage } from './storage.js'
import type { Tenant } from '../tenant/tenant.js'

/** Where signed URLs point: the address the caller reached the emulator at. */
export const originOf = (c: Context<AppEnv>) => new URL(c.req.url).origin

export const StorageItemSchema = z
  .object({
    id: z.string(),
    object: z.literal('storage'),
    file_name: z.string(),
    file_type: z.string().describe('MIME type'),
    file_size: z.number().int(),
    url: z.string().optional().describe('Signed download URL, valid 1 h of emulator clock (no API key needed); left out of lists.'),
    metadata: z.record(z.string(), z.unknown()).nullable(),
    extraction: z.unknown().describe("Conforms to the task's storage.extraction_schema when extraction is on; null otherwise."),
    task_run_id: z.string(),
    result: z.enum(['success', 'failure']),
    created_at: Timestamp,
  })
  .meta({ id: 'StorageItem' })

export const ScreenshotSchema = z
  .object({
    file_name: z.string(),
    file_type: z.literal('image/png'),
    file_size: z.number().int(),
    created_at: Timestamp,
    url: z.string().describe('Signed download URL, valid 1 h'),
    reasoning: z.string(),
  })
  .meta({ id: 'Screenshot' })

/** A task run of either generation, or 404. */
function findRun(tenant: Tenant, id: string) {
  const run = shotRunById(tenant, id)
  if (!run) throw errors.notFound('task_run', id)
  return run
}

const runNotFound = { ...commonErrors, ...notFound }

export const storageRoutes = new Router('/v2/storage', 'Storage', 'shared').add({
  method: 'get',
  path: '/:id',
  summary: 'Get a storage item, with a signed download `url`',
  responses: { 200: { description: 'The storage item', schema: withRequestId(StorageItemSchema) }, ...runNotFound },
  handler: (c, { id }) => reply(c, getStorageItem(c.get('tenant'), id, originOf(c))),
})

export const runArtifactRoutes = new Router('/v2/task-runs', 'Task runs')
  .add({
    method: 'get',
    path: '/:id/storage',
    summary: "List the run's storage items (items without `url`: GET the item for one)",
    query: ListQuery,
    responses: { 200: { description: 'A page of storage items', schema: pageOf(StorageItemSchema) }, ...runNotFound },
    handler: (c, { id, query }) => {
      const tenant = c.get('tenant')
      findRun(tenant, id)
      return reply(c, listRunStorage(tenant, id, query))
    },
  })
  .add({
    method: 'get',
    path: '/:id/screenshots',
    summary: "List the run's screenshots, oldest first (about one per 5 s of runtime; kept 15 days)",
    query: ListQuery,
    responses: { 200: { description: 'A page of screenshots', schema: pageOf(ScreenshotSchema) }, ...runNotFound },
    handler: (c, { id, query }) => {
      const tenant = c.get('tenant')
      return reply(c, listRunScreenshots(tenant, findRun(tenant, id), originOf(c), query))
    },
  })

export const taskResetRoutes = new Router('/v2/tasks', 'Tasks').add({
  method: 'post',
  path: '/:id/reset',
  summary: 'Reset a task: status `learning`, event `task.reset`',
  responses: { 200: { description: 'The task', schema: withRequestId(TaskSchema) }, ...runNotFound },
  handler: (c, { id }) => reply(c, resetTask(c.get('tenant'), id)),
})

export const TokenSchema = z
  .object({
    id: z.string(),
    object: z.literal('token'),
    token: z.string().describe('tk_…, a bearer secret for the Auth Component'),
    expires_at: Timestamp,
    created_at: Timestamp,
  })
  .meta({ id: 'Token' })

export const tokenRoutes = new Router('/v2/token', 'Token', 'shared').add({
  method: 'post',
  path: '/',
  summary: 'Create an Auth Component session token (expires in 30 min)',
  responses: { 201: { description: 'The token', schema: withRequestId(TokenSchema) }, ...commonErrors },
  handler: (c) => reply(c, issueToken(c.get('tenant')), 201),
})

/** Every Deck API router of this module. */
export const artifactApiRouters: Router[] = [storageRoutes, runArtifactRoutes, taskResetRoutes, tokenRoutes]
