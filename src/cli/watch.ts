import { watch, type FSWatcher } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'

const SCENARIO_FILE = /\.(ya?ml|json)$/i

/**
 * Calls `onChange` (debounced) when a scenario file under `paths` changes.
 * Files are watched through their directory, because editors often save by
 * writing a new file and renaming it over the old one, which ends a watch on
 * the file itself. Returns a function that stops watching.
 */
export async function watchScenarioPaths(paths: string[], onChange: () => void, debounceMs = 150): Promise<() => void> {
  const targets = new Map<string, Set<string> | 'any'>()
  for (const path of paths.map((p) => resolve(p))) {
    const info = await stat(path).catch(() => undefined)
    if (info?.isDirectory()) targets.set(path, 'any')
    else {
      const dir = dirname(path)
      const existing = targets.get(dir)
      if (existing === 'any') continue
      targets.set(dir, new Set([...(existing ?? []), basename(path)]))
    }
  }
  let timer: NodeJS.Timeout | undefined
  const fire = () => {
    clearTimeout(timer)
    timer = setTimeout(onChange, debounceMs)
  }
  const watchers: FSWatcher[] = []
  for (const [dir, names] of targets) {
    watchers.push(
      watch(dir, (_event, name) => {
        const file = name ? String(name) : ''
        if (names === 'any' ? SCENARIO_FILE.test(file) || !file : names.has(file)) fire()
      }),
    )
  }
  return () => {
    clearTimeout(timer)
    for (const w of watchers) w.close()
  }
}
