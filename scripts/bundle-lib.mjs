#!/usr/bin/env node
// Bundles the library entry points (dist/index.js, dist/adapters/msw.js,
// dist/client/index.js, what package.json `exports` name) from src/ (tsc only writes the
// `.d.ts` files, see tsconfig.build.json), with zod
// (English only) inside: `import('deck-emulator')` otherwise had Node's ES module
// loader resolve, read and link ~210 emulator modules and ~95 zod ones one by one,
// ~400 ms over importing bare Hono (bench/results.md, "import"). The entries share
// their code through chunks (one DeckError, one emulator class for all three), and
// what `createEmulator()` loads on first use only (dashboard, file store, node server,
// browser login) stays a separate chunk, loaded when it is used.
//
// Packages a caller may hand objects to or share with the emulator (hono, msw) and those
// loaded on first use stay ordinary installed imports.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { build } from 'esbuild'
import { zodEnglishOnly } from './esbuild/zod-english-only.mjs'

const root = resolve(import.meta.dirname, '..')
const dist = resolve(root, 'dist')
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))
// Chunks sit next to dist/index.js: modules read `../package.json` relative to their own URL.
const CHUNK_PREFIX = 'lib-'
for (const f of readdirSync(dist)) if (f.startsWith(CHUNK_PREFIX)) rmSync(resolve(dist, f))

// dist/x.js ← src/x.ts, for each `import` of package.json `exports`.
const entries = Object.values(pkg.exports)
  .map((e) => e.import)
  .filter(Boolean)
  .map((p) => ({ in: resolve(root, p.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')), out: p.replace(/^\.\/dist\//, '').replace(/\.js$/, '') }))
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)].filter((name) => name !== 'zod')

const result = await build({
  entryPoints: entries,
  outdir: dist,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  // Minified: ~30 ms less CPU per cold import than unminified (~385 vs ~415 ms, 10 alternating
  // runs), the price being minified names in a caller's stack traces. Not `keepNames`, as for the
  // CLI: it wraps every closure made per request.
  // BUNDLE_MINIFY=0 keeps names, for reading a CPU profile of the import.
  minify: process.env.BUNDLE_MINIFY !== '0',
  chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
  sourcemap: 'linked',
  sourcesContent: false,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  external: external.flatMap((name) => [name, `${name}/*`]),
  plugins: [zodEnglishOnly(root)],
  metafile: true,
  logLevel: 'warning',
})

// `createRequire(import.meta.url)('../package.json')` only finds the package from dist/'s top
// level: an entry one folder deeper must not hold that code (it belongs in a chunk).
for (const file of Object.keys(result.metafile.outputs)) {
  if (!file.endsWith('.js') || resolve(root, file, '..') === dist) continue
  if (readFileSync(resolve(root, file), 'utf8').includes('../package.json'))
    throw new Error(`${file} reads ../package.json relative to itself, from one folder too deep`)
}
