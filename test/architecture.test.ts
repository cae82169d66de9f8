import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The never-rules of docs/architecture.md, checked on the import graph drawn from the code itself.
// Each rule lists the offending imports as `from → to`, so a failure says what to undo.

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

/** Folders that each hold one resource (or its engine): the core and the webhooks never import them. */
const RESOURCES = [
  'connections',
  'task-runs',
  'credentials',
  'sessions',
  'credential-runs',
  'agents',
  'tasks',
  'sources',
  'token',
  'artifacts',
  'pages',
  'browser',
  'control',
  'idempotency',
]

interface Import {
  from: string
  to: string
  /** `import type …`, `export type …`, or every name marked `type`: erased at run time. */
  typeOnly: boolean
  /** `await import(…)`: loaded on first use, never part of a start-up cycle. */
  dynamic: boolean
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

const STATIC = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g

/** Every relative import of `text` (a file at `from`, relative to src/), resolved to a path relative to src/. */
function importsOf(from: string, text: string): Import[] {
  const target = (spec: string) => relative(SRC, resolve(SRC, dirname(from), spec)).replace(/\.js$/, '.ts')
  const out: Import[] = []
  for (const [, , typeKeyword, names, spec] of text.matchAll(STATIC)) {
    if (!spec!.startsWith('.')) continue
    const braces = /^\{([\s\S]*)\}$/.exec(names!.trim())
    const allTyped =
      !!braces &&
      braces[1]!
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith('type '))
    out.push({ from, to: target(spec!), typeOnly: !!typeKeyword || allTyped, dynamic: false })
  }
  for (const [, spec] of text.matchAll(DYNAMIC)) if (spec!.startsWith('.')) out.push({ from, to: target(spec!), typeOnly: false, dynamic: true })
  return out
}

const folderOf = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '')

/** The offending imports of the never-rules, by rule. */
function violations(imports: Import[]): Record<string, string[]> {
  const show = (i: Import) => `${i.from} → ${i.to}`
  const where = (test: (i: Import) => boolean) => imports.filter(test).map(show)
  return {
    'domain/ imports only domain/': where((i) => folderOf(i.from) === 'domain' && folderOf(i.to) !== 'domain'),
    'tenant/ imports no resource folder, no http/, webhooks/, dashboard/ or cli/': where(
      (i) => folderOf(i.from) === 'tenant' && [...RESOURCES, 'http', 'webhooks', 'dashboard', 'cli'].includes(folderOf(i.to)),
    ),
    'http/ does not import store/': where((i) => folderOf(i.from) === 'http' && folderOf(i.to) === 'store'),
    // replay/ is a consumer of the library like the CLI: it runs steps against an in-process emulator (replay/target.ts).
    'only emulator.ts, index.ts, cli/, adapters/ and replay/ import emulator.ts': where(
      (i) => i.to === 'emulator.ts' && !['emulator.ts', 'index.ts'].includes(i.from) && !['cli', 'adapters', 'replay'].includes(folderOf(i.from)),
    ),
    'webhooks/ imports no resource folder': where((i) => folderOf(i.from) === 'webhooks' && RESOURCES.includes(folderOf(i.to))),
    'no runtime import cycles': runtimeCycles(imports),
  }
}

/** Cycles through static, value-carrying imports (type-only and dynamic imports are erased or deferred). */
function runtimeCycles(imports: Import[]): string[] {
  const edges = new Map<string, string[]>()
  for (const i of imports) if (!i.typeOnly && !i.dynamic) edges.set(i.from, [...(edges.get(i.from) ?? []), i.to])
  const cycles: string[] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '))
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of [...edges.keys()].sort()) if (!state.has(file)) visit(file)
  return cycles
}

const allImports = (): Import[] => sourceFiles(SRC).flatMap((path) => importsOf(relative(SRC, path), readFileSync(path, 'utf8')))

describe('architecture: the never-rules hold on the import graph', () => {
  const found = violations(allImports())
  for (const [rule, offending] of Object.entries(found)) {
    it(rule, () => expect(offending).toEqual([]))
  }

  it('reads the imports it checks (not an empty graph)', () => {
    const imports = allImports()
    expect(imports.length).toBeGreaterThan(500)
    expect(imports).toContainEqual({ from: 'emulator.ts', to: 'tenant/settle.ts', typeOnly: false, dynamic: false })
  })
})

describe('architecture: the checker catches what it should', () => {
  const check = (from: string, line: string) => violations(importsOf(from, line))

  it('flags a forbidden import per rule, value or type', () => {
    expect(check('domain/x.ts', "import { a } from '../tenant/tenant.js'")['domain/ imports only domain/']).toEqual(['domain/x.ts → tenant/tenant.ts'])
    expect(
      check('tenant/x.ts', "import type { A } from '../connections/service.js'")['tenant/ imports no resource folder, no http/, webhooks/, dashboard/ or cli/'],
    ).toHaveLength(1)
    expect(
      check('tenant/x.ts', "import { b } from '../webhooks/outbox.js'")['tenant/ imports no resource folder, no http/, webhooks/, dashboard/ or cli/'],
    ).toHaveLength(1)
    expect(check('http/x.ts', "import { unwrap } from '../store/tracker.js'")['http/ does not import store/']).toHaveLength(1)
    expect(check('http/routes/x.ts', "import { type T } from '../../store/data.js'")['http/ does not import store/']).toHaveLength(1)
    expect(
      check('control/x.ts', "import { createEmulator } from '../emulator.js'")['only emulator.ts, index.ts, cli/, adapters/ and replay/ import emulator.ts'],
    ).toHaveLength(1)
    expect(check('webhooks/x.ts', "import { a } from '../task-runs/moves.js'")['webhooks/ imports no resource folder']).toHaveLength(1)
  })

  it('lets allowed imports through', () => {
    const clean = (from: string, line: string) => Object.values(check(from, line)).flat()
    expect(clean('cli/x.ts', "import { createEmulator } from '../emulator.js'")).toEqual([])
    expect(clean('http/x.ts', "import { plainData } from '../tenant/plain-data.js'")).toEqual([])
    expect(clean('connections/x.ts', "import type { Tenant } from '../tenant/tenant.js'")).toEqual([])
    expect(clean('domain/x.ts', "import { z } from 'zod'")).toEqual([])
  })

  it('finds a runtime cycle, but not one closed by a type-only or dynamic import', () => {
    const a = importsOf('a/a.ts', "import { b } from '../b/b.js'")
    expect(runtimeCycles([...a, ...importsOf('b/b.ts', "import { a } from '../a/a.js'")])).toEqual(['a/a.ts → b/b.ts → a/a.ts'])
    expect(runtimeCycles([...a, ...importsOf('b/b.ts', "import type { A } from '../a/a.js'")])).toEqual([])
    expect(runtimeCycles([...a, ...importsOf('b/b.ts', "import { type A, type B } from '../a/a.js'")])).toEqual([])
    expect(runtimeCycles([...a, ...importsOf('b/b.ts', "const m = await import('../a/a.js')")])).toEqual([])
    // The credentials generation's runs and sessions used to form a ring; the sessions' side now comes through a port.
    const backIntoSessions = [
      ...importsOf('sessions/service.ts', "import { moveCredentialRun } from '../credential-runs/moves.js'"),
      ...importsOf('credential-runs/moves.ts', "import { releaseSession } from '../sessions/service.js'"),
    ]
    expect(violations(backIntoSessions)['no runtime import cycles']).toEqual(['credential-runs/moves.ts → sessions/service.ts → credential-runs/moves.ts'])
  })
})

describe('architecture: domain/ is pure', () => {
  // Time and randomness come in as a Clock and a seeded Rng; I/O belongs above the domain. `node:module`
  // (createRequire) only loads ajv and faker on first use, in json-schema.ts.
  const IMPURE = /Date\.now\(|Math\.random\(|new Date\(\)|performance\.now\(|from 'node:(?!module')/
  const offenders = (files: { path: string; text: string }[]) =>
    files.flatMap(({ path, text }) => text.split('\n').flatMap((line, n) => (IMPURE.test(line) ? [`${path}:${n + 1}: ${line.trim()}`] : [])))

  it('reads no clock, no Math.random and no Node I/O module', () => {
    const domain = sourceFiles(join(SRC, 'domain')).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }))
    expect(domain.length).toBeGreaterThan(30)
    expect(offenders(domain)).toEqual([])
  })

  it('would flag each impurity', () => {
    for (const line of ['const t = Date.now()', 'x = Math.random()', 'new Date()', "import { readFileSync } from 'node:fs'"]) {
      expect(offenders([{ path: 'domain/x.ts', text: line }])).toHaveLength(1)
    }
    expect(offenders([{ path: 'domain/x.ts', text: "import { createRequire } from 'node:module'\nnew Date(at)" }])).toEqual([])
  })
})

/**
 * Issue 13 item 3: each tenant collection is reached (`tenant.data.x`,
 * `tenant.plain.x`) only by the module that owns it; everyone else calls its
 * accessors (`findConnection`, `connectionsOf`, …). The tenant core and the
 * store hold the whole tenant's data and are exempt; the clock, seed,
 * scenario, events and timers are the core's own fields, not listed here.
 */
const COLLECTION_OWNERS: Record<string, string> = {
  connections: 'connections/state.ts',
  logins: 'connections/state.ts',
  task_runs: 'task-runs/state.ts',
  task_run_states: 'task-runs/state.ts',
  sources: 'sources/state.ts',
  scripts: 'sources/state.ts',
  credentials: 'credentials/world.ts',
  sessions: 'credentials/world.ts',
  session_states: 'credentials/world.ts',
  credential_runs: 'credentials/world.ts',
  credential_run_states: 'credentials/world.ts',
  credential_secrets: 'credentials/secrets.ts',
  storage_items: 'artifacts/storage.ts',
  run_artifacts: 'artifacts/screenshots.ts',
  idempotency: 'idempotency/service.ts',
  agents: 'tasks/collections.ts',
  tasks: 'tasks/collections.ts',
  task_scripts: 'tasks/collections.ts',
  destinations: 'webhooks/state.ts',
  deliveries: 'webhooks/state.ts',
}

/** `tenant.data.x`, `t.data?.x`, `this.tenant.plain.x`, `tenants.get(k).data.x` (code only: comment lines are skipped). */
const REACH_IN = /(?:\btenant|\bt|\))\.(?:data|plain)[!?]?\.(\w+)/g

/** `file: line` for every reach into a collection from outside its owner. */
function collectionReachIns(file: string, text: string): string[] {
  if (['tenant', 'store'].includes(folderOf(file))) return []
  return text.split('\n').flatMap((line, i) => {
    if (/^\s*(\*|\/\/|\/\*)/.test(line)) return []
    return [...line.matchAll(REACH_IN)]
      .map((m) => m[1]!)
      .filter((field) => COLLECTION_OWNERS[field] !== undefined && COLLECTION_OWNERS[field] !== file)
      .map((field) => `${file}:${i + 1} reaches tenant.data.${field} (owner: ${COLLECTION_OWNERS[field]})`)
  })
}

describe('architecture: every collection is reached only through its owner', () => {
  it('no module outside the owner reads or writes a collection directly', () => {
    const found = sourceFiles(SRC).flatMap((path) => collectionReachIns(relative(SRC, path), readFileSync(path, 'utf8')))
    expect(found).toEqual([])
  })

  it('owners exist', () => {
    for (const owner of new Set(Object.values(COLLECTION_OWNERS))) expect(readFileSync(join(SRC, owner), 'utf8')).toMatch(/tenant\.data|lazyCollection\(/)
  })

  it('catches the spellings it should, and lets the owner, the core and comments through', () => {
    expect(collectionReachIns('sessions/x.ts', '  const c = tenant.data.credentials?.[id]')).toHaveLength(1)
    expect(collectionReachIns('browser/x.ts', 'if (!deps.tenants.get(k).data.connections[id]) close()')).toHaveLength(1)
    expect(collectionReachIns('connections/service.ts', 'const all = tenant.plain.connections')).toHaveLength(1)
    expect(collectionReachIns('credentials/x.ts', '(t.data.sessions ??= {})')).toHaveLength(1)
    expect(collectionReachIns('connections/state.ts', 'return tenant.data.connections[id]')).toEqual([])
    expect(collectionReachIns('tenant/x.ts', 'tenant.data.connections')).toEqual([])
    expect(collectionReachIns('control/clock.ts', 'tenant.data.clock = next')).toEqual([])
    expect(collectionReachIns('connections/x.ts', ' * `tenant.data.logins[id]` holds the login')).toEqual([])
    expect(collectionReachIns('webhooks/x.ts', 'parsed.data.destinations')).toEqual([])
  })
})
