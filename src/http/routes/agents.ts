import { createAgent, deleteAgent, getAgent, agentView, listAgents, updateAgent } from '../../agents/service.js'
import { reply } from '../respond.js'
import { Router } from '../route.js'
import { commonErrors, Deleted, ListQuery, notFound, pageOf, withRequestId } from '../schemas/common.js'
import { AgentSchema, CreateAgentBody, UpdateAgentBody } from '../schemas/tasks.js'

const Agent = withRequestId(AgentSchema)
const one = { 200: { description: 'The agent', schema: Agent }, ...commonErrors, ...notFound }

export const agentRoutes = new Router('/v2/agents', 'Agents')
  .add({
    method: 'post',
    path: '/',
    summary: 'Create an agent',
    body: CreateAgentBody,
    responses: { 201: { description: 'Created', schema: Agent }, ...commonErrors },
    handler: (c, { body }) => reply(c, createAgent(c.get('tenant'), body), 201),
  })
  .add({
    method: 'get',
    path: '/',
    summary: 'List agents',
    query: ListQuery,
    responses: { 200: { description: 'A page of agents', schema: pageOf(AgentSchema) }, ...commonErrors },
    handler: (c, { query }) => reply(c, listAgents(c.get('tenant'), query)),
  })
  .add({
    method: 'get',
    path: '/:id',
    summary: 'Get an agent (with its tasks)',
    responses: one,
    handler: (c, { id }) => reply(c, agentView(c.get('tenant'), getAgent(c.get('tenant'), id))),
  })
  .add({
    method: 'patch',
    path: '/:id',
    summary: 'Update an agent (`name`, `description`)',
    body: UpdateAgentBody,
    responses: one,
    handler: (c, { id, body }) => reply(c, updateAgent(c.get('tenant'), id, body)),
  })
  .add({
    method: 'delete',
    path: '/:id',
    summary: 'Delete an agent and its tasks (their runs stay readable)',
    responses: { 200: { description: 'Deleted', schema: Deleted }, ...commonErrors, ...notFound },
    handler: (c, { id }) => reply(c, deleteAgent(c.get('tenant'), id)),
  })
