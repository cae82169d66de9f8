import { lazyCollection } from '../tenant/collection.js'

/**
 * Agents, tasks and their scenario run scripts, created on first write
 * (tenant/collection.ts): `…Of` for writes, `…In` for reads (a GET on a
 * tenant that never had a task writes nothing).
 */
const agents = lazyCollection('agents')
const tasks = lazyCollection('tasks')
const taskScripts = lazyCollection('task_scripts')

export const agentsOf = agents.of
export const agentsIn = agents.read
export const tasksOf = tasks.of
export const tasksIn = tasks.read
export const taskScriptsOf = taskScripts.of
export const taskScriptsIn = taskScripts.read
