import type { TaskRunStatus, TaskRunView } from '../domain/task-run.js'
import type { AgentView, Task } from '../domain/task.js'
import type { Page } from './index.js'
import type { StorageItem } from '../domain/storage-item.js'
import type { Screenshot } from '../artifacts/screenshots.js'

type Request = <T = any>(method: string, path: string, body?: unknown, query?: Record<string, string | number | boolean | undefined | null>) => Promise<T>

/** Agents, tasks and task runs for the typed client. */
export function taskClient(request: Request) {
  const enc = encodeURIComponent
  const agents = {
    create: (params: { name: string; description?: string }) => request<AgentView>('POST', '/v2/agents', params),
    get: (id: string) => request<AgentView>('GET', `/v2/agents/${enc(id)}`),
    list: (query: { limit?: number; cursor?: string } = {}) => request<Page<AgentView>>('GET', '/v2/agents', undefined, query),
    update: (id: string, params: { name?: string; description?: string }) => request<AgentView>('PATCH', `/v2/agents/${enc(id)}`, params),
    delete: (id: string) => request<{ id: string; deleted: true }>('DELETE', `/v2/agents/${enc(id)}`),
  }
  const tasks = {
    create: (params: {
      name: string
      agent_id: string
      input_schema?: object
      output_schema?: object
      prompt?: string
      description?: string
      status?: Task['status']
      settings?: { timeout_seconds: number }
      storage?: Partial<NonNullable<Task['storage']>>
    }) => request<Task>('POST', '/v2/tasks', params),
    get: (id: string) => request<Task>('GET', `/v2/tasks/${enc(id)}`),
    list: (query: { limit?: number; cursor?: string; agent_id?: string; status?: Task['status'] } = {}) =>
      request<Page<Task>>('GET', '/v2/tasks', undefined, query),
    update: (id: string, params: Partial<Omit<Task, 'id' | 'object'>>) => request<Task>('PATCH', `/v2/tasks/${enc(id)}`, params),
    delete: (id: string) => request<{ id: string; deleted: true }>('DELETE', `/v2/tasks/${enc(id)}`),
    /** Back to `learning` (`task.reset`). */
    reset: (id: string) => request<Task>('POST', `/v2/tasks/${enc(id)}/reset`),
    /** Starts a run on a connected connection (→ `queued`). */
    run: (id: string, params: { connection_id: string; input?: Record<string, unknown> }) =>
      request<TaskRunView>('POST', `/v2/tasks/${enc(id)}/run`, { input: {}, ...params }),
  }
  const taskRuns = {
    get: (id: string, query: { include?: string } = {}) =>
      request<TaskRunView & { storage?: StorageItem[]; artifacts?: { screenshots: Screenshot[] } }>('GET', `/v2/task-runs/${enc(id)}`, undefined, query),
    /** The run's storage items (without `url`: `storage.get` has it). */
    storage: (id: string, query: { limit?: number; cursor?: string } = {}) =>
      request<Page<StorageItem>>('GET', `/v2/task-runs/${enc(id)}/storage`, undefined, query),
    screenshots: (id: string, query: { limit?: number; cursor?: string } = {}) =>
      request<Page<Screenshot>>('GET', `/v2/task-runs/${enc(id)}/screenshots`, undefined, query),
    list: (
      query: {
        limit?: number
        cursor?: string
        connection_id?: string
        task_id?: string
        agent_id?: string
        source_id?: string
        status?: TaskRunStatus
        result?: string
        created_after?: string
        created_before?: string
      } = {},
    ) => request<Page<TaskRunView>>('GET', '/v2/task-runs', undefined, query),
    cancel: (id: string) => request<TaskRunView>('POST', `/v2/task-runs/${enc(id)}/cancel`),
    submitInteraction: (id: string, inputs: Record<string, string>) => request<TaskRunView>('POST', `/v2/task-runs/${enc(id)}/interaction`, { inputs }),
    /** Emulator only: the answer the run's pending interaction expects. */
    expectedAnswer: async (id: string) => (await request<{ inputs: Record<string, string> }>('GET', `/_emulator/task-runs/${enc(id)}/expected-answer`)).inputs,
  }
  const storage = { get: (id: string) => request<StorageItem>('GET', `/v2/storage/${enc(id)}`) }
  const token = { create: () => request<{ id: string; object: 'token'; token: string; expires_at: string; created_at: string }>('POST', '/v2/token') }
  return { agents, tasks, taskRuns, storage, token }
}
