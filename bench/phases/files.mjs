import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { abRounds, LOAD } from '../lib/load.mjs'
import { startServer } from '../lib/proc.mjs'
import { call, CLI, connectionBody, NODE, ROOT, row, TMP } from '../lib/common.mjs'

const BARE_FILE = resolve(ROOT, 'bench/targets/bare-file.mjs')
const FILES = Number(process.env.BENCH_FILES ?? 10_000)
const PER_RUN = 100

const scenario = `
name: bench-files
clock: manual
agents: [{ id: agt_bench, name: Bench }]
tasks:
  - id: task_big
    agent_id: agt_bench
    name: One 1 MB file
    storage: { enabled: true }
    run: [{ files: [{ name: big.bin, type: application/octet-stream, size: 1mb }] }]
  - id: task_many
    agent_id: agt_bench
    name: ${PER_RUN} files of 100 kB
    storage: { enabled: true }
    run:
      - files:
${Array.from({ length: PER_RUN }, (_, i) => `          - { name: doc_${i}.bin, type: application/octet-stream, size: 100kb }`).join('\n')}
`

/**
 * Downloads `url` on `concurrency` parallel loops for `seconds` with fetch
 * (undici), reading every body to the end. autocannon's parser tops out at a
 * few MB/s on 1 MB bodies, which would measure the load generator instead.
 */
async function download(url, { seconds = LOAD.seconds, concurrency = 8 } = {}) {
  const loop = async (until) => {
    let n = 0
    let bytes = 0
    let errors = 0
    const latencies = []
    while (Date.now() < until) {
      const t = performance.now()
      const res = await fetch(url)
      const body = await res.arrayBuffer()
      latencies.push(performance.now() - t)
      if (res.status === 200) {
        n++
        bytes += body.byteLength
      } else errors++
    }
    return { n, bytes, errors, latencies }
  }
  await Promise.all(Array.from({ length: concurrency }, () => loop(Date.now() + 1000))) // warm-up
  const started = Date.now()
  const parts = await Promise.all(Array.from({ length: concurrency }, () => loop(started + seconds * 1000)))
  const elapsed = (Date.now() - started) / 1000
  const latencies = parts.flatMap((p) => p.latencies).sort((a, b) => a - b)
  const sum = (k) => parts.reduce((s, p) => s + p[k], 0)
  return {
    rps: sum('n') / elapsed,
    mbps: sum('bytes') / elapsed / 2 ** 20,
    p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? NaN),
    errors: sum('errors'),
  }
}

/**
 * files: a stored 1 MB file downloaded through its signed URL (file storage,
 * streamed from disk) vs the same bytes from memory on a bare Hono route; then
 * the emulator's RSS with 10,000 stored files of 100 kB (≈1 GB on disk): the
 * bytes must stay on disk, not in the heap.
 */
export async function filesPhase() {
  const dir = join(TMP, 'files')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'scenario.yaml'), scenario)
  const key = 'sk_test_bench_files'
  const emu = await startServer(NODE, [CLI, '--db', join(dir, 'db.json'), '--scenario', join(dir, 'scenario.yaml'), '--port', '0'], {
    probe: '/_emulator/health',
  })
  let bare
  try {
    const src = (await call(emu.url, '/v2/sources', key, { method: 'POST', body: { type: 'website', website: { url: 'https://bank.example.com' } } })).id
    const conn = (await call(emu.url, '/v2/connections', key, { method: 'POST', body: connectionBody(src) })).id
    const run = (await call(emu.url, '/v2/tasks/task_big/run', key, { method: 'POST', body: { connection_id: conn } })).id
    await call(emu.url, '/_emulator/clock/advance', key, { method: 'POST', body: { by: '1s' } })
    const [item] = (await call(emu.url, `/v2/task-runs/${run}/storage`, key)).data
    const { url } = await call(emu.url, `/v2/storage/${item.id}`, key)
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer())
    writeFileSync(join(dir, 'big.bin'), bytes)
    bare = await startServer(NODE, [BARE_FILE, '0', join(dir, 'big.bin'), 'application/octet-stream'], { probe: '/health' })
    const { a, b } = await abRounds(
      2,
      () => download(`${bare.url}/file`),
      () => download(url),
    )
    const rows = [
      row('files', 'GET a stored 1 MB file by signed URL (file storage, from disk)', {
        value: b.rps,
        unit: 'req/s',
        baseline: a.rps,
        baselineLabel: 'bare Hono route, same bytes from memory',
        target: '≥ 0.8× baseline',
        pass: b.rps / a.rps >= 0.8,
        note: `${((b.rps * bytes.length) / 2 ** 20).toFixed(0)} vs ${((a.rps * bytes.length) / 2 ** 20).toFixed(0)} MB/s; p99 ${b.p99} ms vs ${a.p99} ms; errors ${b.errors}; 8 parallel fetch loops (undici)`,
      }),
    ]

    const rssBefore = emu.rssMb()
    const t = Date.now()
    for (let stored = 0; stored < FILES; stored += PER_RUN) {
      await call(emu.url, '/v2/tasks/task_many/run', key, { method: 'POST', body: { connection_id: conn } })
      await call(emu.url, '/_emulator/clock/advance', key, { method: 'POST', body: { by: '1s' } })
    }
    const writeS = (Date.now() - t) / 1000
    // Read some back so the download path is part of the measured state.
    const page = (await call(emu.url, `/v2/task-runs/${run}/storage`, key)).data
    for (const i of page) await (await fetch((await call(emu.url, `/v2/storage/${i.id}`, key)).url)).arrayBuffer()
    const rssAfter = emu.rssMb()
    rows.push(
      row('files', `RSS with ${FILES.toLocaleString('en')} stored files of 100 kB (file storage)`, {
        value: rssAfter,
        unit: 'MB',
        baseline: rssBefore,
        baselineLabel: 'RSS before storing them',
        target: `< before + 200 MB (the files are ${Math.round((FILES * 100) / 1024)} MB)`,
        pass: rssAfter < rssBefore + 200,
        better: 'lower',
        note: `stored in ${writeS.toFixed(0)} s (${Math.round(FILES / writeS)} files/s, each fsync'd before its record is committed)`,
      }),
    )
    return rows
  } finally {
    await Promise.all([emu.stop(), bare?.stop()])
    rmSync(dir, { recursive: true, force: true })
  }
}
