import { cpus, loadavg } from 'node:os'

const fmt = (v, unit) => {
  if (v === undefined || Number.isNaN(v)) return '—'
  const n = Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(v >= 10 ? 1 : 2)
  return unit ? `${n} ${unit}` : n
}
const verdict = (r) => (r.pass === undefined ? 'info' : r.pass ? '**pass**' : '**FAIL**')

/** "How fast relative to the baseline" (> 1 = faster/leaner), whatever the unit's direction. */
export const relative = (r) => (r.ratio === undefined || !Number.isFinite(r.ratio) ? undefined : r.better === 'lower' ? 1 / r.ratio : r.ratio)

export function markdown(rows, meta) {
  const lines = [
    '# deck-emulator benchmark results',
    '',
    `Run ${meta.date} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · load average at start ${meta.load} · ${meta.durationS} s total.`,
    `Load: autocannon, ${meta.connections} connections, ${meta.seconds} s per run after a 1 s warm-up, loopback only; the load generator shares the CPUs with the server.`,
    '',
    'Every figure is measured next to its baseline **in the same run on the same machine**; `ratio` = value ÷ baseline.',
    'The machine is shared and noisy (other builds run concurrently), so ratios are the comparable numbers; absolute values move from run to run.',
    '',
    '| Phase | Figure | Value | Baseline (same run) | Ratio | Target | Result |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.phase} | ${r.figure} | ${fmt(r.value, r.unit)} | ${r.baseline === undefined ? '—' : `${fmt(r.baseline, r.unit)} (${r.baselineLabel})`} | ${r.ratio === undefined || !Number.isFinite(r.ratio) ? '—' : `${r.ratio.toFixed(2)}×`} | ${r.target ?? ''} | ${verdict(r)} |`,
    ),
    '',
    '## Notes',
    '',
    ...rows.filter((r) => r.note).map((r) => `- **${r.phase} · ${r.figure}**: ${r.note}`),
    ...meta.notes.map((n) => `- ${n}`),
    '',
    '![Relative speed against the same-run baseline](results.png)',
    '',
    'Reproduce: `npm install && npm run bench` (builds, installs Prism and Mockoon into `bench/peers/` on the first run, then ~3–4 minutes).',
    '`BENCH_SECONDS`, `BENCH_LIFECYCLES`, `BENCH_SCALE_CONNECTIONS`, `BENCH_SCALE_EVENTS` and `BENCH_PHASES` (comma list) shorten a run.',
    '',
  ]
  return lines.join('\n')
}

/** Horizontal bars of relative speed on a log scale, 1× = baseline; target ticks where the target is relative. */
export function svgChart(rows) {
  const items = rows.filter((r) => relative(r) !== undefined)
  const W = 980
  const left = 430
  const barH = 22
  const top = 50
  const H = top + items.length * (barH + 8) + 50
  const lo = Math.log10(0.01)
  const hi = Math.log10(10)
  const x = (v) => left + ((Math.log10(Math.min(Math.max(v, 0.01), 10)) - lo) / (hi - lo)) * (W - left - 30)
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">Relative to the same-run baseline (log scale; right of 1× = faster / leaner than baseline)</text>`,
  ]
  for (const t of [0.01, 0.1, 1, 10]) {
    out.push(`<line x1="${x(t)}" y1="${top - 8}" x2="${x(t)}" y2="${H - 40}" stroke="${t === 1 ? '#333' : '#ddd'}"/>`)
    out.push(`<text x="${x(t)}" y="${H - 24}" text-anchor="middle">${t}×</text>`)
  }
  items.forEach((r, i) => {
    const y = top + i * (barH + 8)
    const v = relative(r)
    const color = r.pass === undefined ? '#8aa' : r.pass ? '#3a9a4a' : '#c33'
    const label = `${r.phase}: ${r.figure}`.slice(0, 68)
    out.push(`<text x="${left - 8}" y="${y + barH / 2 + 4}" text-anchor="end">${esc(label)}</text>`)
    out.push(`<rect x="${x(0.01)}" y="${y}" width="${Math.max(1, x(v) - x(0.01))}" height="${barH}" fill="${color}"/>`)
    out.push(`<text x="${x(v) + 4}" y="${y + barH / 2 + 4}">${v.toFixed(2)}×</text>`)
  })
  out.push(
    `<text x="12" y="${H - 8}" fill="#555">green: target met · red: target missed · grey: reference. Absolute targets (req/s, ms, MB) are in results.md.</text>`,
  )
  out.push('</svg>')
  return out.join('\n')
}

export const loadNow = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')
