import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

const MAGIC = /[*?[]/

function segmentRegex(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
  return new RegExp(`^${body}$`)
}

async function walk(dir: string, segments: string[]): Promise<string[]> {
  if (segments.length === 0) return [dir]
  const [head, ...rest] = segments as [string, ...string[]]
  if (!MAGIC.test(head)) return walk(dir === '' ? head : join(dir, head), rest)
  const entries = await readdir(dir || '.', { withFileTypes: true }).catch(() => [])
  if (head === '**') {
    const here = await walk(dir, rest)
    const deeper = await Promise.all(
      entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => walk(join(dir, e.name), segments)),
    )
    return [...here, ...deeper.flat()]
  }
  const re = segmentRegex(head)
  const matched = entries.filter((e) => re.test(e.name) && (rest.length === 0 || e.isDirectory()))
  return (await Promise.all(matched.map((e) => walk(join(dir, e.name), rest)))).flat()
}

/**
 * Expands `*`, `?` and `**` (Node 20 has no fs.glob) for shells that pass
 * patterns through (Windows, quoted args). A plain path is kept as given; a
 * directory stands for its scenario files. Sorted, without duplicates.
 */
export async function expandPatterns(patterns: string[]): Promise<{ files: string[]; unmatched: string[] }> {
  const files: string[] = []
  const unmatched: string[] = []
  for (const pattern of patterns) {
    let found: string[]
    if (!MAGIC.test(pattern)) {
      const info = await stat(pattern).catch(() => undefined)
      found = info?.isDirectory() ? await scenarioFilesDeep(pattern) : info ? [pattern] : []
    } else {
      const absolute = pattern.startsWith('/')
      const matches = await walk(absolute ? '/' : '', pattern.split('/').filter(Boolean))
      found = (await Promise.all(matches.map(async (m) => ((await stat(m).catch(() => undefined))?.isFile() ? m : undefined))))
        .filter((m): m is string => !!m)
        .sort()
    }
    if (found.length === 0) unmatched.push(pattern)
    for (const f of found) if (!files.includes(f)) files.push(f)
  }
  return { files, unmatched }
}

/**
 * `deck-emulator run <dir>`: the scenario files of the directory and of every
 * subdirectory (not dot-directories or node_modules), sorted by path.
 * (`--scenario <dir>` stays one level: it loads one world, not a test tree.)
 */
export async function scenarioFilesDeep(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const found: string[] = []
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') found.push(...(await scenarioFilesDeep(path)))
    else if (entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name)) found.push(path)
  }
  return found.sort()
}
