import type { StepContext } from './step.js'

/**
 * What `expect:` can look at, by its subject key: `expect: { connection: alice, status: … }`.
 * `fetch` loads the object; `context` adds a hint to failure messages. Other
 * resources plug in here (e.g. `task_run` → GET /v2/task-runs/{id}).
 */
export interface ExpectSubject {
  fetch(ctx: StepContext, id: string): Promise<Record<string, unknown>>
  context?(object: Record<string, any>): string | undefined
}

export const expectSubjects: Record<string, ExpectSubject> = {
  connection: {
    fetch: (ctx, id) => ctx.client.connections.get(id) as unknown as Promise<Record<string, unknown>>,
    context: (c) => (c.interaction ? `interaction: ${c.interaction.type}` : c.errors?.[0] ? `error: ${c.errors[0].code}` : undefined),
  },
  credential: {
    fetch: (ctx, id) => ctx.client.credentials.get(id) as unknown as Promise<Record<string, unknown>>,
  },
  /** `session: r1` is r1's session (or a `sess_…` id). */
  session: {
    fetch: async (ctx, ref) => ctx.client.sessions.get(ref.startsWith('sess_') ? ref : (await ctx.client.credentialRuns.get(ref)).session_id) as unknown as Promise<Record<string, unknown>>,
  },
  task_run: {
    fetch: (ctx, id) => ctx.client.taskRuns.get(id) as unknown as Promise<Record<string, unknown>>,
    context: (r) => (r.interaction ? `interaction: ${r.interaction.type}` : r.errors?.[0] ? `error: ${r.errors[0].code}` : undefined),
  },
}
