import { errors } from '../domain/errors.js'
import type { Agent, AgentView } from '../domain/task.js'
import type { Deleted } from '../domain/types.js'
import { listPage, type ListQuery } from '../tenant/list.js'
import { removeTask } from '../tasks/service.js'
import type { Tenant } from '../tenant/tenant.js'
import { agentsIn, agentsOf, tasksIn } from '../tasks/collections.js'

export interface AgentInput {
  name?: string | undefined
  description?: string | null | undefined
}

export function getAgent(tenant: Tenant, id: string): Agent {
  const agent = agentsIn(tenant)[id]
  if (!agent) throw errors.notFound('agent', id)
  return agent
}

/** The agent as the API shows it: with its tasks, oldest first (research §4.7). */
export function agentView(tenant: Tenant, agent: Agent): AgentView {
  const tasks = Object.values(tasksIn(tenant))
    .filter((t) => t.agent_id === agent.id)
    .sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1))
    .map((t) => ({ id: t.id, object: 'task' as const, name: t.name, status: t.status }))
  const { created_at, updated_at, ...head } = agent
  return { ...head, tasks, created_at, updated_at }
}

const emitAgent = (tenant: Tenant, type: string, agent: Agent) => tenant.emit([{ type, data: { ...agentView(tenant, agent) } }])

/** Stores an agent (API create or scenario seed) and records `agent.created`. */
export function addAgent(tenant: Tenant, agent: Agent): Agent {
  agentsOf(tenant)[agent.id] = agent
  emitAgent(tenant, 'agent.created', agent)
  return agent
}

export function createAgent(tenant: Tenant, input: AgentInput & { name: string }): AgentView {
  const now = tenant.nowIso()
  const agent = addAgent(tenant, {
    id: tenant.id('agent'),
    object: 'agent',
    name: input.name,
    description: input.description ?? null,
    created_at: now,
    updated_at: now,
  })
  return agentView(tenant, agent)
}

export function listAgents(tenant: Tenant, query: ListQuery) {
  const page = listPage(Object.values(agentsIn(tenant)), query, {}, () => true)
  return { ...page, data: page.data.map((a) => agentView(tenant, a)) }
}

export function updateAgent(tenant: Tenant, id: string, input: AgentInput): AgentView {
  const agent = getAgent(tenant, id)
  const next: Agent = {
    ...agent,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    updated_at: tenant.nowIso(),
  }
  agentsOf(tenant)[id] = next
  emitAgent(tenant, 'agent.updated', next)
  return agentView(tenant, next)
}

/** Emulator decision: an agent's tasks go with it (each `task.deleted`); their runs stay readable. */
export function deleteAgent(tenant: Tenant, id: string): Deleted {
  const agent = getAgent(tenant, id)
  const view = agentView(tenant, agent)
  for (const task of view.tasks) removeTask(tenant, task.id)
  delete agentsOf(tenant)[id]
  tenant.emit([{ type: 'agent.deleted', data: { ...view, tasks: [] } }])
  return { id, object: 'agent', deleted: true }
}
