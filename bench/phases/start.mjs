import { median, startServer } from '../lib/proc.mjs'
import { BARE, CLI, NODE, row } from '../lib/common.mjs'

const RUNS = 7

/** start: process spawn → first 200, emulator (in memory) vs a bare Hono server, alternated (order swapped each round), median of 7. */
export async function startPhase() {
  const bare = []
  const emu = []
  const once = async (args, probe, into) => {
    const s = await startServer(NODE, args, { probe })
    into.push(s.readyMs)
    await s.stop()
  }
  for (let i = 0; i < RUNS; i++) {
    // Order swapped every round, so neither always starts on a machine warmed by the other.
    const pair = [() => once([BARE], '/health', bare), () => once([CLI, '--in-memory', '--port', '0'], '/_emulator/health', emu)]
    for (const run of i % 2 ? pair.reverse() : pair) await run()
  }
  const [e, b] = [median(emu), median(bare)]
  return {
    bareStartMs: b,
    rows: [
      row('start', 'process start → first 200 (in memory)', {
        value: e,
        unit: 'ms',
        baseline: b,
        baselineLabel: 'bare Hono server',
        target: '≤ baseline + 100 ms',
        pass: e - b <= 100,
        better: 'lower',
        note: `+${Math.round(e - b)} ms; runs: ${emu.map(Math.round).join(', ')} vs ${bare.map(Math.round).join(', ')}`,
      }),
    ],
  }
}
