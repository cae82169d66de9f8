import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { median } from '../lib/proc.mjs'
import { NODE, ROOT, row } from '../lib/common.mjs'

const RUNS = 9
const target = (name) => resolve(ROOT, 'bench/targets', name)
const timed = (script, ...args) => Number(execFileSync(NODE, [target(script), ...args], { cwd: ROOT, encoding: 'utf8' }).trim())

/** import: `import('deck-emulator')` + createEmulator() vs importing bare Hono + @hono/node-server, alternated, median of 9. */
export async function importPhase() {
  const bare = []
  const emu = []
  for (let i = 0; i < RUNS; i++) {
    bare.push(timed('import-hono.mjs'))
    emu.push(timed('import-emulator.mjs', resolve(ROOT, 'dist/index.js')))
  }
  const [e, b] = [median(emu), median(bare)]
  return [row('import', 'library import + createEmulator() (process start → ready)', {
    value: e, unit: 'ms', baseline: b, baselineLabel: 'import hono + @hono/node-server', target: '≤ baseline + 100 ms', pass: e - b <= 100, better: 'lower',
    note: `+${Math.round(e - b)} ms; runs: ${emu.map(Math.round).join(', ')} vs ${bare.map(Math.round).join(', ')}`,
  })]
}
