import { readFile } from 'node:fs/promises'
import { DeckApiError } from '../client/error.js'
import { parseScenario, ScenarioError } from '../scenario/load.js'
import type { ScenarioDoc } from '../scenario/types.js'
import { yaml } from '../scenario/yaml.js'
import { StepFailure, type StepContext } from './step.js'
import { stepRegistry, type StepRegistry } from './steps/index.js'
import { localTarget, type ReplayTarget } from './target.js'

export interface StepResult {
  /** 1-based, as printed. */
  index: number
  kind: string
  status: 'passed' | 'failed' | 'skipped'
  detail: string
}

export interface ScenarioResult {
  file: string
  name: string
  ok: boolean
  steps: StepResult[]
  /** Load or validation problem: nothing ran. */
  error?: string
  /** The file has no `steps`: nothing was checked, so it is reported apart, neither passed nor failed. */
  noSteps?: boolean
  ms: number
}

interface Planned {
  kind: string
  args: unknown
}

function lineOf(text: string, index: number): number | undefined {
  const lines = new (yaml().LineCounter)()
  const node = yaml().parseDocument(text, { lineCounter: lines }).getIn(['steps', index], true) as { range?: number[] } | undefined
  return node?.range ? lines.linePos(node.range[0]!).line : undefined
}

/** Checks every step before any runs, so a typo in step 7 is not found after six steps of work. */
function planSteps(doc: ScenarioDoc, text: string, file: string, registry: StepRegistry): Planned[] {
  const problems: string[] = []
  const planned = doc.steps.map((step, i) => {
    const line = () => (lineOf(text, i) ? ` (line ${lineOf(text, i)})` : '')
    const where = (path = '') => `steps[${i}]${path}${line()}`
    const keys = Object.keys(step)
    if (keys.length !== 1) {
      problems.push(`${where()}: expected one step kind per item, like { create_connection: {...} }; saw ${keys.length ? keys.join(', ') : 'an empty item'}`)
      return { kind: '?', args: undefined }
    }
    const kind = keys[0]!
    const def = registry.get(kind)
    if (!def) {
      problems.push(`${where()}: unknown step "${kind}" (expected one of ${[...registry.keys()].join(', ')})`)
      return { kind, args: undefined }
    }
    const parsed = def.args.safeParse(step[kind])
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const required = issue.code === 'invalid_type' && /received undefined/.test(issue.message)
        problems.push(`${where(`.${[kind, ...issue.path.map(String)].join('.')}`)}: ${required ? 'required' : issue.message}`)
      }
    }
    return { kind, args: parsed.success ? parsed.data : undefined }
  })
  if (problems.length) throw new ScenarioError(file, problems)
  return planned
}

function describeError(error: unknown): string {
  if (error instanceof StepFailure) return error.message
  if (error instanceof DeckApiError) return `the API answered ${error.status} ${error.errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`
  return `unexpected error: ${(error as Error)?.message ?? String(error)}`
}

/** Replays one scenario's steps on a tenant of its own, with the manual clock. Stops at the first failure. */
export async function runScenarioText(text: string, file: string, target: ReplayTarget, registry = stepRegistry()): Promise<ScenarioResult> {
  const started = performance.now()
  const done = (r: Omit<ScenarioResult, 'ms'>): ScenarioResult => ({ ...r, ms: Math.round(performance.now() - started) })
  let doc: ScenarioDoc
  let plan: Planned[]
  try {
    doc = parseScenario(text, file)
    plan = planSteps(doc, text, file, registry)
  } catch (error) {
    return done({ file, name: file, ok: false, steps: [], error: (error as Error).message })
  }
  if (plan.length === 0) return done({ file, name: doc.name, ok: true, steps: [], noSteps: true })
  const client = target.tenant(doc.name)
  try {
    await client.emulator.loadScenario(text)
    if ((await client.emulator.clock()).mode !== 'manual') await client.emulator.setClock('manual')
  } catch (error) {
    return done({ file, name: doc.name, ok: false, steps: [], error: `${file}: cannot load the scenario into ${target.description}: ${describeError(error)}` })
  }
  const aliases = new Map<string, string>()
  const ctx: StepContext = {
    client,
    file,
    scenario: doc,
    aliases,
    state: new Map(),
    resolve(ref) {
      const id = aliases.get(ref)
      if (id) return id
      if (/^[a-z]+_[A-Za-z0-9]/.test(ref)) return ref
      throw new StepFailure(`"${ref}" is not a name given with \`as:\` in an earlier step${aliases.size ? ` (known: ${[...aliases.keys()].join(', ')})` : ''}`)
    },
  }
  const steps: StepResult[] = []
  let failed = false
  for (const [i, step] of plan.entries()) {
    if (failed) {
      steps.push({ index: i + 1, kind: step.kind, status: 'skipped', detail: '' })
      continue
    }
    try {
      const detail = await registry.get(step.kind)!.run(ctx, step.args)
      steps.push({ index: i + 1, kind: step.kind, status: 'passed', detail: detail ?? '' })
    } catch (error) {
      failed = true
      steps.push({ index: i + 1, kind: step.kind, status: 'failed', detail: describeError(error) })
    }
  }
  return done({ file, name: doc.name, ok: !failed, steps })
}

export interface RunOptions {
  /** Default: a fresh in-process emulator. */
  target?: ReplayTarget
  registry?: StepRegistry
  /** Called as each scenario finishes (live output). */
  onResult?: (result: ScenarioResult) => void
}

/** Replays each file in order; never throws for a bad file (it becomes a failed result). */
export async function runScenarioFiles(files: string[], options: RunOptions = {}): Promise<ScenarioResult[]> {
  const target = options.target ?? (await localTarget())
  const results: ScenarioResult[] = []
  try {
    for (const file of files) {
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (error) {
        results.push({ file, name: file, ok: false, steps: [], error: `${file}: cannot read file: ${(error as Error).message}`, ms: 0 })
        options.onResult?.(results.at(-1)!)
        continue
      }
      const result = await runScenarioText(text, file, target, options.registry)
      results.push(result)
      options.onResult?.(result)
    }
  } finally {
    if (!options.target) await target.close()
  }
  return results
}
