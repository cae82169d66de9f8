import type { StepContext } from './step.js'

/**
 * What `expect:` can look at, by its subject key: `expect: { connection: alice, status: … }`.
 * `fetch` loads the object; `context` adds a hint to failure messages. Other
 * resources plug in here (e.g. `task_run` → GET /v2/task-runs/{id}).
 */
export interface ExpectSubject {
  /** `expected`: what the step will match (lets a subject load optional sections only when asked). */
  fetch(ctx: StepContext, id: string, expected?: Record<string, unknown>): Promise<Record<string, unknown>>
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
    fetch: async (ctx, ref) =>
      ctx.client.sessions.get(ref.startsWith('sess_') ? ref : (await ctx.client.credentialRuns.get(ref)).session_id) as unknown as Promise<
        Record<string, unknown>
      >,
  },
  task_run: {
    // `storage: {count}` and `screenshots: {min}` (scenario-format §5) look at the run's artifacts.
    fetch: async (ctx, id, expected = {}) => {
      const wants = 'storage' in expected || 'screenshots' in expected
      const run = (await ctx.client.taskRuns.get(id, wants ? { include: 'storage,artifacts' } : {})) as unknown as Record<string, any>
      if (!wants) return run
      const shots = run.artifacts?.screenshots?.length ?? 0
      const min = Number((expected.screenshots as { min?: unknown } | undefined)?.min ?? 0)
      return { ...run, storage: { count: run.storage?.length ?? 0 }, screenshots: { count: shots, min: Math.min(shots, min) } }
    },
    context: (r) => (r.interaction ? `interaction: ${r.interaction.type}` : r.errors?.[0] ? `error: ${r.errors[0].code}` : undefined),
  },
}
