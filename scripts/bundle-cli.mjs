#!/usr/bin/env node
// Bundles the CLI (src/cli.ts and the ~230 modules it imports, with hono, zod and
// @hono/node-server) into one file, dist/deck-emulator.js: Node's ES module loader
// resolves, reads and links each module separately, which cost ~150 ms of every
// `npx deck-emulator` start; one file starts within ~50 ms of a bare Hono server
// (see bench/results.md, "start"). The library entry points are bundled apart, by
// scripts/bundle-lib.mjs.
import { chmodSync } from 'node:fs'
import { resolve } from 'node:path'
import { build } from 'esbuild'
import { zodEnglishOnly } from './esbuild/zod-english-only.mjs'

const root = resolve(import.meta.dirname, '..')

const outfile = resolve(root, 'dist/deck-emulator.js')

await build({
  entryPoints: [resolve(root, 'src/cli.ts')],
  outfile,
  bundle: true,
  minify: true,
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
