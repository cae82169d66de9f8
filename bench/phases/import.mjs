import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { median } from '../lib/proc.mjs'
import { NODE, ROOT, row } from '../lib/common.mjs'

const RUNS = 11
const target = (name) => resolve(ROOT, 'bench/targets', name)
const timed = (script, ...args) => Number(execFileSync(NODE, [target(script), ...args], { cwd: ROOT, encoding: 'utf8' }).trim())
const quartiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return `${Math.round(s[Math.floor((s.length - 1) / 4)])}–${Math.round(s[Math.ceil((3 * (s.length - 1)) / 4)])}`
}

/**
 * import: `import('deck-emulator')` + createEmulator() vs importing bare Hono + @hono/node-server,
 * each sample a fresh node process (nothing cached between samples), the two alternated and their
 * order swapped every round (so neither always runs on a warmer machine), median of 11.
 */
export async function importPhase() {
  const bare = []
  const emu = []
  for (let i = 0; i < RUNS; i++) {
    const pair = [() => bare.push(timed('import-hono.mjs')), () => emu.push(timed('import-emulator.mjs', resolve(ROOT, 'dist/index.js')))]
    for (const run of i % 2 ? pair.reverse() : pair) run()
  }
  const [e, b] = [median(emu), median(bare)]
  return [
    row('import', 'library import + createEmulator() (process start → ready)', {
      value: e,
      unit: 'ms',
      baseline: b,
      baselineLabel: 'import hono + @hono/node-server',
      target: '≤ baseline + 100 ms',
      pass: e - b <= 100,
      better: 'lower',
      note: `+${Math.round(e - b)} ms; quartiles ${quartiles(emu)} vs ${quartiles(bare)} ms; runs: ${emu.map(Math.round).join(', ')} vs ${bare.map(Math.round).join(', ')}`,
    }),
  ]
}
