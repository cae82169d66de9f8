// `npm run bench`: builds, runs each phase (loopback only, bounded in time), writes bench/results.md + results.png.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Resvg } from '@resvg/resvg-js'
import { ROOT, TMP } from './lib/common.mjs'
import { LOAD } from './lib/load.mjs'
import { loadNow, markdown, svgChart } from './lib/report.mjs'

const only = process.env.BENCH_PHASES?.split(',')
const want = (name) => !only || only.includes(name)
const started = Date.now()
const meta = {
  date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  load: loadNow(),
  connections: LOAD.connections,
  seconds: LOAD.seconds,
  notes: [],
}

execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
rmSync(TMP, { recursive: true, force: true })
mkdirSync(TMP, { recursive: true })

const rows = []
const step = async (name, fn) => {
  if (!want(name)) return undefined
  const t = Date.now()
  process.stdout.write(`▶ ${name}… `)
  try {
    const result = await fn()
    console.log(`${((Date.now() - t) / 1000).toFixed(0)} s`)
    return result
  } catch (error) {
    console.log(`failed: ${error.message}`)
    meta.notes.push(`Phase \`${name}\` failed in this run: ${String(error.message).split('\n')[0]}`)
    return undefined
  }
}

const { readPhase } = await import('./phases/read.mjs')
const { createPhase } = await import('./phases/create.mjs')
const { lifecyclePhase } = await import('./phases/lifecycle.mjs')
const { mswPhase } = await import('./phases/msw.mjs')
const { credentialsLifecyclePhase } = await import('./phases/credentials-lifecycle.mjs')
const { startPhase } = await import('./phases/start.mjs')
const { importPhase } = await import('./phases/import.mjs')
const { scalePhase } = await import('./phases/scale.mjs')
const { peersPhase } = await import('./phases/peers.mjs')
const { filesPhase } = await import('./phases/files.mjs')

const read = await step('read', readPhase)
rows.push(...(read ?? []))
rows.push(...((await step('create', createPhase)) ?? []))
rows.push(...((await step('lifecycle', lifecyclePhase)) ?? []))
rows.push(...((await step('credentials-lifecycle', credentialsLifecyclePhase)) ?? []))
rows.push(...((await step('msw', mswPhase)) ?? []))
const start = await step('start', startPhase)
rows.push(...((await step('import', importPhase)) ?? []))
rows.push(...(start?.rows ?? []))
rows.push(...((await step('scale', () => scalePhase({ bareStartMs: start?.bareStartMs }))) ?? []))
rows.push(...((await step('files', filesPhase)) ?? []))
rows.push(...((await step('peers', () => peersPhase({ emulatorReadRps: read?.[0]?.value ?? NaN }))) ?? []))

meta.durationS = Math.round((Date.now() - started) / 1000)
const out = join(ROOT, 'bench')
writeFileSync(join(out, 'results.json'), JSON.stringify({ meta, rows }, null, 2))
writeFileSync(join(out, 'results.md'), markdown(rows, meta))
const svg = svgChart(rows)
writeFileSync(join(out, 'results.svg'), svg)
writeFileSync(
  join(out, 'results.png'),
  new Resvg(svg, { background: 'white', fitTo: { mode: 'width', value: 1400 }, font: { loadSystemFonts: true } }).render().asPng(),
)
rmSync(join(TMP, 'scale'), { recursive: true, force: true }) // ~700 MB
console.log(`\nwrote bench/results.md and bench/results.png in ${meta.durationS} s`)
