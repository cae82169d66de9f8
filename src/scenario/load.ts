import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import { ScenarioSchema } from './schema.js'
import { mergeScenarios } from './sections.js'
import type { ScenarioDoc } from './types.js'
import { yaml } from './yaml.js'

export { mergeScenarios }

/** A scenario that cannot load; the message names the file, the path, the line and what was expected. */
export class ScenarioError extends Error {
  override name = 'ScenarioError'
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join('\n'))
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '')
}

/** Parses YAML or JSON text into a validated scenario; nothing is half-loaded. */
export function parseScenario(text: string, file = '<scenario>'): ScenarioDoc {
  const lines = new (yaml().LineCounter)()
  const doc = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      file,
      doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0])
        return `line ${at.line}, column ${at.col}: ${e.message.split('\n')[0]}`
      }),
    )
  }
  let raw: unknown
  try {
    raw = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    // e.g. an alias bomb ("billion laughs"): refused by the yaml library, reported like any bad YAML.
    throw new ScenarioError(file, [`cannot read the YAML: ${(error as Error).message}`])
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ScenarioError(file, ['expected a mapping with at least `name:`'])
  const result = ScenarioSchema.safeParse(raw)
  if (result.success) return result.data
  throw new ScenarioError(
    file,
    result.error.issues.map((issue) => describeIssue(issue, doc, lines)),
  )
}

function describeIssue(issue: z.core.$ZodIssue, doc: ReturnType<typeof parseDocument>, lines: LineCounter): string {
  const path = issue.path
  // Find the deepest YAML node on the path to report where it is.
  let line: number | undefined
  for (let depth = path.length; depth >= 0 && line === undefined; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true) as { range?: [number, number, number] } | undefined
    if (node && typeof node === 'object' && node.range) line = lines.linePos(node.range[0]).line
  }
  const where = formatPath(path) || '(top level)'
  let text = issue.message
  if (issue.code === 'unrecognized_keys') text = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) text = `required (${issue.message})`
  return `${where}${line ? ` (line ${line})` : ''}: ${text}`
}

export async function loadScenarioFile(path: string): Promise<ScenarioDoc> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new ScenarioError(path, [`cannot read file: ${(error as Error).message}`])
  }
  return parseScenario(text, path)
}

/** A file, or every *.yaml / *.yml / *.json file of a directory (sorted). */
export async function scenarioFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined)
  if (!info) throw new ScenarioError(path, ['no such file or directory'])
  if (!info.isDirectory()) return [path]
  const names = (await readdir(path)).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort()
  return names.map((n) => join(path, n))
}

export async function loadScenarios(paths: string[]): Promise<{ scenario: ScenarioDoc | null; files: string[] }> {
  const files = (await Promise.all(paths.map(scenarioFiles))).flat()
  const docs = await Promise.all(files.map(loadScenarioFile))
  return { scenario: mergeScenarios(docs), files }
}
