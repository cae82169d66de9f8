#!/usr/bin/env node
// Checks the published package works: npm pack, install the tarball into a temp
// project, import every entry point, run the CLI. `npm run test:pack`.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startServer } from '../bench/lib/proc.mjs'

const root = resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const dir = mkdtempSync(join(tmpdir(), 'deck-emulator-pack-'))
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
const started = Date.now()
try {
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', dir], root).trim().split('\n').at(-1)
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'pack-check', private: true, type: 'module' }))
  checkContents(join(dir, tarball))
  run('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', join(dir, tarball)], dir)
  // What a server or library user downloads: the optional peers (msw, the browser) are not installed.
  const installMb = Number(run('du', ['-sk', join(dir, 'node_modules')], dir).split('\t')[0]) / 1024
  console.log(`install size without optional peers: ${installMb.toFixed(1)} MB (node_modules)`)
  if (installMb > 40) throw new Error(`installing the package takes ${installMb.toFixed(1)} MB: something heavy became a dependency`)
  if (existsSync(join(dir, 'node_modules/playwright-core')) || existsSync(join(dir, 'node_modules/@sparticuz/chromium')))
    throw new Error('the browser packages were installed without being asked for')
  if (!existsSync(join(dir, 'node_modules/deck-emulator/python/deck_emulator.py'))) throw new Error('the Python helper is not in the package')
  // msw is a peer: an msw user installs it next to the package.
  run('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', `msw@${pkg.devDependencies.msw.replace(/^\^/, '')}`], dir)
  writeFileSync(
    join(dir, 'check.mjs'),
    `
import { createEmulator, DeckApiError } from 'deck-emulator'
import { deckHandlers } from 'deck-emulator/msw'
import { createDeckClient, DeckApiError as ClientDeckApiError } from 'deck-emulator/client'
// The entry points are bundles sharing chunks (scripts/bundle-lib.mjs): one class, not a copy per entry.
if (DeckApiError !== ClientDeckApiError) throw new Error('deck-emulator and deck-emulator/client export two different DeckApiError classes')
import { setupServer } from 'msw/node'
const emulator = await createEmulator({ clock: 'manual' })
const deck = createDeckClient({ fetch: emulator.fetch, apiKey: 'sk_test_pack' })
const source = await deck.sources.create({ url: 'https://bank.example.com' })
const conn = await deck.connections.create({ source_id: source.id, username: 'user_good', password: 'pw' })
const done = await deck.emulator.waitFor({ connection: conn.id, status: 'connected' })
const handlers = deckHandlers()
const server = setupServer(...handlers)
server.listen({ onUnhandledRequest: 'error' })
const res = await fetch('https://api.deck.co/v2/sources', { headers: { authorization: 'Bearer sk_test_pack' } })
server.close()
await handlers.close()
await emulator.close()
if (done.status !== 'connected' || res.status !== 200) throw new Error('pack check failed')
console.log('imports ok: deck-emulator, deck-emulator/msw, deck-emulator/client')
`,
  )
  process.stdout.write(run('node', ['check.mjs'], dir))
  const help = run('npx', ['--no-install', 'deck-emulator', '--help'], dir)
  if (!help.includes('deck-emulator run')) throw new Error('CLI help does not mention run')
  // The bin is the bundled CLI (dist/deck-emulator.js): replay a shipped scenario
  // (YAML, steps, expectations) and serve the API, from the installed tarball.
  const scenario = join(dir, 'node_modules/deck-emulator/scenarios/forced-mfa.yaml')
  const replay = run('npx', ['--no-install', 'deck-emulator', 'run', scenario], dir)
  if (!/passed/.test(replay)) throw new Error(`deck-emulator run did not pass:\n${replay}`)
  await checkServes(dir)
  console.log(`npx deck-emulator --help, run, serve and proxy ok; pack check passed in ${((Date.now() - started) / 1000).toFixed(1)}s`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

/**
 * The tarball holds no dev-only weight (sources, tests, source maps, the unbundled CLI) and
 * every relative link of its README points at a file it ships.
 */
function checkContents(tarball) {
  const files = run('tar', ['-tzf', tarball], root)
    .trim()
    .split('\n')
    .map((f) => f.replace(/^package\//, ''))
  const heavy = files.filter((f) => /\.map$|^src\/|^test\/|^bench\/(?!results\.md|browser-results\.md)|^scripts\/|^dist\/cli(\/|\.js)|\.test\./.test(f))
  if (heavy.length) throw new Error(`dev-only files in the tarball: ${heavy.slice(0, 10).join(', ')}`)
  // The default data the code loads at start (fixtures/README.md): without it nothing starts.
  const missing = ['fixtures/magic-credentials.json', 'fixtures/default-run.json'].filter((f) => !files.includes(f))
  if (missing.length) throw new Error(`the tarball lacks the shipped fixtures: ${missing.join(', ')}`)
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l))
  const broken = links.filter((l) => !files.includes(l.replace(/^\.\//, '')))
  if (broken.length) throw new Error(`README links to files the tarball does not ship: ${broken.join(', ')}`)
  console.log(`tarball: ${files.length} files, no dev-only weight, ${links.length} relative README links all shipped`)
}

/** Starts `deck-emulator --in-memory --port 0` (the installed bin), creates a source through HTTP, stops it. */
async function checkServes(cwd) {
  const server = await startServer(join(cwd, 'node_modules/.bin/deck-emulator'), ['--in-memory', '--port', '0'], {
    probe: '/_emulator/health',
    cwd,
    timeoutMs: 30_000,
  })
  try {
    const res = await fetch(`${server.url}/v2/sources`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_pack', 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'website', website: { url: 'https://bank.example.com' } }),
    })
    const body = await res.json()
    if (res.status !== 201 || !String(body.id).startsWith('src_')) throw new Error(`POST /v2/sources answered ${res.status}: ${JSON.stringify(body)}`)
    await checkProxies(cwd, server.url, body.id)
    // Without the optional browser packages the banner says so, naming the one command.
    if (!/Browser +login_with: browser not available: .*npm install --save-dev playwright-core@\S+ @sparticuz\/chromium@\S+/.test(server.output()))
      throw new Error(`the banner does not say browser login is unavailable:\n${server.output()}`)
  } finally {
    await server.stop()
  }
}

/** `deck-emulator proxy` (the installed bin) in front of that server: a read goes through and is judged. */
async function checkProxies(cwd, upstream, sourceId) {
  const proxy = await startServer(join(cwd, 'node_modules/.bin/deck-emulator'), ['proxy', '--upstream', upstream, '--port', '0'], {
    probe: '/_proxy/health',
    cwd,
    timeoutMs: 30_000,
  })
  try {
    const res = await fetch(`${proxy.url}/v2/sources/${sourceId}`, { headers: { authorization: 'Bearer sk_test_pack' } })
    const report = await (await fetch(`${proxy.url}/_proxy/report`)).json()
    if (res.status !== 200 || report.requests !== 1 || report.drifted_responses !== 0) throw new Error(`proxy: ${res.status}, report ${JSON.stringify(report)}`)
  } finally {
    await proxy.stop()
  }
}
