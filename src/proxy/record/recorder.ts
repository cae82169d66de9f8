import { yaml } from '../../scenario/yaml.js'
import type { Exchange } from '../forward.js'
import type { RouteIndex } from '../route-index.js'
import { clockRecorder } from './clock.js'
import { connectionsRecorder } from './connections.js'
import type { Observed, ResourceRecorder, SourceDraft, World } from './model.js'
import { Placeholders } from './placeholders.js'
import { sourcesRecorder } from './sources.js'
import { taskRunsRecorder } from './task-runs.js'

/** The recorded resource kinds, in the order they see each exchange (sources before the connections that use them). */
export const defaultRecorders = (): ResourceRecorder[] => [sourcesRecorder, connectionsRecorder(), taskRunsRecorder(), clockRecorder]

const parse = (bytes: Buffer): unknown => {
  if (!bytes.length) return undefined
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
}

/**
 * Turns the traffic that went through the proxy into a scenario that
 * `deck-emulator run` replays: the world it implies (sources, accounts with
 * their login steps, agents, tasks with scripted outputs) and the session's
 * calls as steps with `expect`s of what came back. Secrets never enter it
 * (see placeholders.ts).
 */
export class Recorder {
  private readonly world: World
  private readonly used = new Map<string, number>()

  constructor(
    private readonly index: RouteIndex,
    private readonly upstream: string,
    private readonly kinds: ResourceRecorder[] = defaultRecorders(),
  ) {
    const sources = new Map<string, SourceDraft>()
    this.world = {
      sources,
      agents: new Map(),
      tasks: new Map(),
      steps: [],
      notes: [],
      connections: new Map(),
      placeholders: new Placeholders(),
      alias: (base) => {
        const n = (this.used.get(base) ?? 0) + 1
        this.used.set(base, n)
        return base === 'run' ? `run_${n}` : n === 1 ? base : `${base}_${n}`
      },
      source: (id) => {
        let s = sources.get(id)
        if (!s) sources.set(id, (s = { id, accounts: [] }))
        return s
      },
    }
  }

  observe(exchange: Exchange): void {
    const known = exchange.path.startsWith('/v2/') ? this.index.match(exchange.method, exchange.path) : undefined
    const observed: Observed = {
      method: exchange.method.toUpperCase(),
      path: exchange.path,
      ...(known ? { route: known.key } : {}),
      params: known?.params ?? {},
      request: parse(exchange.requestBody),
      status: exchange.status,
      response: parse(exchange.responseBody),
    }
    for (const kind of this.kinds) kind.observe(observed, this.world)
  }

  /** The scenario as YAML, written when the session ends (a prompt still pending is then closed). */
  scenarioText(now = new Date()): string {
    const world = structuredWorld(this.world)
    for (const kind of this.kinds) kind.finish?.(world)
    const doc = {
      name: 'recorded-session',
      description: `Recorded by deck-emulator proxy from ${this.upstream} on ${now.toISOString()}.`,
      clock: 'manual',
      sources: [...world.sources.values()].map((s) => ({
        id: s.id,
        ...(s.name ? { name: s.name } : {}),
        ...(s.url ? { url: s.url } : {}),
        ...(s.accounts.length ? { accounts: s.accounts } : {}),
      })),
      ...(world.agents.size ? { agents: [...world.agents.values()] } : {}),
      ...(world.tasks.size ? { tasks: [...world.tasks.values()].map(cleanTask) } : {}),
      steps: world.steps,
    }
    const Y = yaml()
    const document = new Y.Document(doc, { aliasDuplicateObjects: false })
    document.commentBefore = [
      ` Recorded by \`deck-emulator proxy --record\` from ${this.upstream}.`,
      ' Replay it: deck-emulator run <this file>',
      ' PLACEHOLDERS: values written FILL_IN_… stand for the passwords, MFA codes and answers the',
      ' session sent; the proxy never writes those down. Each placeholder is used consistently (an',
      " account's password is the one its create step sends), so the replay passes as it is; replace",
      ' them with real values only to run the steps against a real source.',
      ...world.notes.map((n) => ` NOTE: ${n}`),
    ].join('\n')
    return document.toString({ lineWidth: 0 })
  }
}

function cleanTask(task: World['tasks'] extends Map<string, infer T> ? T : never) {
  return Object.fromEntries(Object.entries(task).filter(([, v]) => v !== undefined && v !== null))
}

/** The world's collections copied, so folding scripts into it (finish) leaves the recording itself as it was. */
function structuredWorld(world: World): World {
  const sources = new Map([...world.sources].map(([id, s]) => [id, { ...s, accounts: [...s.accounts] }]))
  return {
    ...world,
    sources,
    agents: new Map(world.agents),
    tasks: new Map([...world.tasks].map(([id, t]) => [id, { ...t }])),
    steps: [...world.steps],
    notes: [...world.notes],
    source: (id) => {
      let s = sources.get(id)
      if (!s) sources.set(id, (s = { id, accounts: [] }))
      return s
    },
  }
}
