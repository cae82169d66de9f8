import { redactJson } from '../redact.js'
import { objectsIn, ok, type ResourceRecorder } from './model.js'
import { Playback } from './playback.js'

interface TrackedRun {
  id: string
  alias: string
  taskId: string
  agentId: string | null
  username: string | null
  playback: Playback
  canceled: boolean
  awaiting: boolean
  last?: string
}

const SETTLED = new Set(['interaction_required', 'completed', 'failed', 'canceled'])

/**
 * Agents, tasks and the task runs started during the session: a `run_task`
 * step per run (on a connection created in the session), the run's answers
 * and cancels, an `expect` of each settled state (with the output it
 * returned), and per task the run script that reproduces what was observed,
 * `output:` scripted as it came back (one override per other account whose
 * runs went differently).
 */
export function taskRunsRecorder(): ResourceRecorder {
  const runs = new Map<string, TrackedRun>()

  return {
    observe(ex, world) {
      if (ex.status < 300) {
        for (const a of objectsIn(ex.response, 'agent')) {
          if (typeof a.id === 'string' && /^agt_[A-Za-z0-9_]+$/.test(a.id))
            world.agents.set(a.id, { id: a.id, name: String(a.name ?? a.id), description: a.description ?? null })
        }
        for (const t of objectsIn(ex.response, 'task')) {
          if (typeof t.id !== 'string' || !/^task_[A-Za-z0-9_]+$/.test(t.id) || typeof t.agent_id !== 'string') continue
          const known = world.tasks.get(t.id)
          world.tasks.set(t.id, {
            ...known,
            id: t.id,
            agent_id: t.agent_id,
            name: String(t.name ?? t.id),
            description: t.description ?? null,
            prompt: t.prompt ?? null,
            ...(typeof t.status === 'string' ? { status: t.status } : {}),
            input_schema: t.input_schema ?? null,
            output_schema: t.output_schema ?? null,
          })
        }
      }
      if (ok(ex)) {
        const run = ex.params.id ? runs.get(ex.params.id) : undefined
        switch (ex.route) {
          case 'POST /v2/tasks/{id}/run': {
            const r = ex.response as Record<string, any>
            const req = (ex.request ?? {}) as Record<string, unknown>
            const connection = world.connections.get(String(req.connection_id))
            if (typeof r?.id === 'string' && runs.has(r.id)) break // an Idempotency-Key replay
            if (!connection || typeof r?.id !== 'string') {
              world.notes.push(`A run of ${ex.params.id} on a connection not created in this session was left out.`)
              break
            }
            const alias = world.alias('run')
            runs.set(r.id, {
              id: r.id,
              alias,
              taskId: ex.params.id!,
              agentId: typeof r.agent_id === 'string' ? r.agent_id : null,
              username: connection.username,
              playback: new Playback(`task:${ex.params.id}`, world.placeholders),
              canceled: false,
              awaiting: true,
            })
            world.steps.push({ run_task: { as: alias, task_id: ex.params.id, connection: connection.alias, input: redactJson(req.input ?? {}) } })
            break
          }
          case 'POST /v2/task-runs/{id}/interaction':
            if (run) {
              const req = (ex.request ?? {}) as Record<string, unknown>
              world.steps.push({ submit_task_interaction: { task_run: run.alias, inputs: run.playback.answer(req.inputs ?? req.input) } })
              run.awaiting = true
            }
            break
          case 'POST /v2/task-runs/{id}/cancel':
            if (run) {
              run.canceled = true
              world.steps.push({ cancel_task_run: { task_run: run.alias } })
              run.awaiting = true
            }
            break
        }
      }
      if (ex.status >= 300) return
      for (const r of objectsIn(ex.response, 'task_run')) {
        const run = runs.get(r.id)
        if (!run || !SETTLED.has(r.status)) continue
        const code = (r.errors as { code?: string }[] | undefined)?.[0]?.code
        const signature = JSON.stringify([r.status, r.interaction?.type, r.interaction?.message, code])
        if (!run.awaiting && signature === run.last) continue
        let retry = false
        if (r.status === 'interaction_required' && r.interaction) retry = run.playback.prompt(r.interaction)
        else if (r.status === 'completed') run.playback.end({ output: r.output ?? null })
        else if (r.status === 'failed') {
          const e = (r.errors as { type?: string; code?: string; message?: string }[] | undefined)?.[0]
          if (e?.code === 'interaction_timeout') world.notes.push(`${run.alias} failed on an interaction timeout, which the replay does not reproduce.`)
          run.playback.end({
            fail: {
              code: e?.code ?? 'task_failed',
              ...(e?.message ? { message: e.message } : {}),
              type: e?.type ?? 'task',
              result: r.result === 'unknown' ? 'unknown' : 'failure',
            },
          })
        }
        world.steps.push({
          expect: {
            task_run: run.alias,
            status: r.status,
            ...(r.result ? { result: r.result } : {}),
            ...(r.status === 'completed' ? { output: r.output ?? null } : {}),
            ...(r.interaction
              ? { interaction: { type: r.interaction.type, ...(!retry && r.interaction.message ? { message: r.interaction.message } : {}) } }
              : {}),
            ...(code ? { errors: [{ code }] } : {}),
          },
        })
        run.awaiting = false
        run.last = signature
      }
    },

    finish(world) {
      const scripts = new Map<string, { username: string | null; run: unknown[] }[]>()
      for (const run of runs.values()) {
        run.playback.finish()
        // A canceled or unfinished run must still be going when the replay cancels it (or ends).
        const script = run.canceled || !run.playback.ended ? [...run.playback.steps, { duration: '1h' }] : run.playback.steps
        scripts.set(run.taskId, [...(scripts.get(run.taskId) ?? []), { username: run.username, run: script }])
        if (!world.tasks.has(run.taskId)) {
          const agentId = run.agentId ?? 'agt_recorded'
          world.tasks.set(run.taskId, { id: run.taskId, agent_id: agentId, name: run.taskId })
        }
      }
      for (const task of world.tasks.values()) {
        if (!world.agents.has(task.agent_id)) world.agents.set(task.agent_id, { id: task.agent_id, name: task.agent_id })
        const seen = scripts.get(task.id)
        if (!seen?.length) continue
        task.run = seen[0]!.run
        const same = (a: unknown[]) => JSON.stringify(a) === JSON.stringify(task.run)
        const overrides: { username: string; run: unknown[] }[] = []
        for (const s of seen.slice(1)) {
          if (s.username === null || same(s.run) || overrides.some((o) => o.username === s.username)) continue
          if (s.username === seen[0]!.username) {
            world.notes.push(`Runs of ${task.id} for ${s.username} went differently from one another; the first is the script.`)
            continue
          }
          overrides.push({ username: s.username, run: s.run })
        }
        if (overrides.length) task.overrides = overrides
      }
    },
  }
}
