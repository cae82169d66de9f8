#!/usr/bin/env node
// Bundles the CLI (src/cli.ts and the ~230 modules it imports, with hono, zod and
// @hono/node-server) into dist/deck-emulator.js and a few chunks beside it: Node's ES module
// loader resolves, reads and links each module separately, which cost ~150 ms of every
// `npx deck-emulator` start (see bench/results.md, "start"). What the CLI loads on first use
// only, through `import()` (the run, init and proxy commands, the dashboard, the file store,
// the browser login), is split into chunks of its own (dist/cli-*.js), so an in-memory
// `serve` neither reads nor compiles it; the modules every command shares are one chunk.
// The library entry points are bundled apart, by scripts/bundle-lib.mjs.
import { chmodSync, existsSync, readdirSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { build } from 'esbuild'
import { zodEnglishOnly } from './esbuild/zod-english-only.mjs'

const root = resolve(import.meta.dirname, '..')

const dist = resolve(root, 'dist')
const outfile = resolve(dist, 'deck-emulator.js')
// Chunks sit next to the entry: modules read `../package.json` relative to their own URL.
const CHUNK_PREFIX = 'cli-'
if (existsSync(dist)) for (const f of readdirSync(dist)) if (f.startsWith(CHUNK_PREFIX)) rmSync(resolve(dist, f))

await build({
  entryPoints: [resolve(root, 'src/cli.ts')],
  outdir: dist,
  allowOverwrite: true,
  entryNames: 'deck-emulator',
  chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
  bundle: true,
  splitting: true,
  // BUNDLE_MINIFY=0 keeps names, for reading a CPU profile of the start.
  minify: process.env.BUNDLE_MINIFY !== '0',
  // Not `keepNames`: it wraps every function, including the closures made per request, in a
  // defineProperty call, which cost ~40% of the read throughput (measured with wrk). The
  // source map gives readable stack traces instead (`node --enable-source-maps`).
  sourcemap: 'linked',
  sourcesContent: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // Loaded on first use only (a browser login, a scenario file, a task schema,
  // fake data) or never by the CLI (msw): left as ordinary installed packages.
  external: ['playwright-core', '@sparticuz/chromium', 'msw', 'ajv', 'ajv-formats', '@faker-js/faker', 'yaml', 'lowdb'],
  // A bundled CommonJS dependency that calls require() needs one in an ES module.
  banner: { js: "import { createRequire as __deckCreateRequire } from 'node:module'; const require = __deckCreateRequire(import.meta.url);" },
  plugins: [zodEnglishOnly(root)],
  logLevel: 'warning',
})
chmodSync(outfile, 0o755)
