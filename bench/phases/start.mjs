import { median, startServer } from '../lib/proc.mjs'
import { BARE, CLI, NODE, row } from '../lib/common.mjs'

const RUNS = 7

/** start: process spawn → first 200, emulator (in memory) vs a bare Hono server, alternated, median of 7. */
export async function startPhase() {
  const bare = []
  const emu = []
  for (let i = 0; i < RUNS; i++) {
    const b = await startServer(NODE, [BARE], { probe: '/health' })
    bare.push(b.readyMs)
    await b.stop()
    const e = await startServer(NODE, [CLI, '--in-memory', '--port', '0'], { probe: '/_emulator/health' })
    emu.push(e.readyMs)
    await e.stop()
  }
  const [e, b] = [median(emu), median(bare)]
  return {
    bareStartMs: b,
    rows: [row('start', 'process start → first 200 (in memory)', {
      value: e, unit: 'ms', baseline: b, baselineLabel: 'bare Hono server', target: '≤ baseline + 100 ms', pass: e - b <= 100, better: 'lower',
      note: `+${Math.round(e - b)} ms; runs: ${emu.map(Math.round).join(', ')} vs ${bare.map(Math.round).join(', ')}`,
    })],
  }
}
