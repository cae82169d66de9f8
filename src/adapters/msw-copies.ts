import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** One installed copy of msw: its package directory (real path) and version. */
export interface MswCopy {
  dir: string
  version: string
}

/** The msw package a resolved file belongs to (walks up to the package.json named msw). */
export function mswPackageOf(file: string): MswCopy | undefined {
  let dir = dirname(file)
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'msw') return { dir: realpathSync(dir), version: pkg.version ?? 'unknown' }
    }
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/**
 * msw matches a request only with handlers made by the same copy of msw as
 * `setupServer`: with two copies in the tree the handlers silently match
 * nothing. So the adapter compares the copy it imports with the one the
 * project (the current directory) resolves, and names both when they differ.
 */
export function mswCopyProblem(own: MswCopy | undefined, project: MswCopy | undefined): string | undefined {
  if (!own || !project || own.dir === project.dir) return undefined
  return (
    `Two copies of msw: deck-emulator/msw uses msw ${own.version} (${own.dir}) but your project resolves msw ${project.version} (${project.dir}). ` +
    'Handlers made by one copy match nothing in a setupServer() of the other. Fix: install one msw 2.x for both (deck-emulator takes msw as a peer dependency: `npm install --save-dev msw@2` then `npm dedupe`).'
  )
}

/** The copies as found at run time: ours through ESM resolution (the one actually imported), the project's from cwd. */
export function findMswCopies(resolveOwn: () => string, cwd = process.cwd()): { own: MswCopy | undefined; project: MswCopy | undefined } {
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn()
    } catch {
      return undefined
    }
  }
  const ownFile = attempt(resolveOwn)
  const projectFile = attempt(() => createRequire(join(cwd, 'package.json')).resolve('msw'))
  return {
    own: ownFile ? attempt(() => mswPackageOf(ownFile.startsWith('file:') ? fileURLToPath(ownFile) : ownFile)) : undefined,
    project: projectFile ? attempt(() => mswPackageOf(projectFile)) : undefined,
  }
}
