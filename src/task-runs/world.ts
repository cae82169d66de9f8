import { defaultRun } from '../fixtures/default-run.js'
import { DEFAULT_TASK_STORAGE, DEFAULT_TIMEOUT_SECONDS } from '../domain/task.js'
import type { ScenarioApplier } from '../scenario/sections.js'
import type { ScenarioDoc } from '../scenario/types.js'
import type { Tenant } from '../tenant/tenant.js'
import { agentsOf, tasksOf, taskScriptsOf } from '../tasks/collections.js'

/**
 * Seeds a tenant's agents, tasks and run scripts from its scenario (a
 * applier in scenario/apply.ts). Like scenario sources, seeded objects exist
 * from the start and record no `*.created` events.
 */
export function seedTaskWorld(tenant: Tenant, scenario: ScenarioDoc): void {
  const now = tenant.nowIso()
  for (const agent of scenario.agents) {
    agentsOf(tenant)[agent.id] = { id: agent.id, object: 'agent', name: agent.name, description: agent.description, created_at: now, updated_at: now }
  }
  for (const task of scenario.tasks) {
    tasksOf(tenant)[task.id] = {
      id: task.id,
      object: 'task',
      name: task.name,
      description: task.description,
      prompt: task.prompt,
      status: task.status,
      agent_id: task.agent_id,
      input_schema: task.input_schema,
      output_schema: task.output_schema,
      settings: { timeout_seconds: task.settings?.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS },
      storage: task.storage ?? { ...DEFAULT_TASK_STORAGE },
      created_at: now,
      updated_at: now,
    }
    if (task.run || task.overrides.length) {
      taskScriptsOf(tenant)[task.id] = { run: task.run ?? [...defaultRun()], overrides: task.overrides }
    }
  }
}

/** Agents and tasks: seeded on build only; a hot reload leaves them until the tenant is reset. */
export const taskWorldApplier: ScenarioApplier = { name: 'task world', sections: ['agents', 'tasks'], apply: seedTaskWorld }
