#!/usr/bin/env node
// The msw adapter against the oldest msw 2.x the peer range claims (installed
// once into node_modules/.cache, reused after) and the newest (the
// devDependency), plus the two-copies check. `npm run test:msw`, part of `npm test`.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const oldest = /^>=(\d+\.\d+\.\d+) <3$/.exec(pkg.peerDependencies.msw)?.[1]
if (!oldest) throw new Error(`peerDependencies.msw should read ">=2.x.y <3", got ${pkg.peerDependencies.msw}`)
const newest = JSON.parse(readFileSync(join(root, 'node_modules/msw/package.json'), 'utf8')).version
const dist = join(root, 'dist')
if (!existsSync(join(dist, 'adapters/msw.js'))) throw new Error('dist/ is missing: run npm run build first')

/** A directory holding node_modules/msw at `version`, installed from the registry on first use only. */
function mswInstall(version) {
  const dir = join(root, 'node_modules/.cache/deck-emulator-msw', version)
  const manifest = join(dir, 'node_modules/msw/package.json')
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === version) return dir
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `msw-${version}`, private: true, type: 'module' }))
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', `msw@${version}`], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  return dir
}

const check = join(root, 'scripts/msw-versions/check.mjs')
const redirect = join(root, 'scripts/msw-versions/redirect.mjs')
const run = (args, env, cwd = root) =>
  execFileSync(process.execPath, args, {
    cwd,
    env: { ...process.env, DECK_DIST: dist, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 60_000,
  }).trim()

const started = Date.now()
const old = mswInstall(oldest)
console.log(run(['--import', redirect, check], { MSW_ROOT: old, MSW_VERSION: oldest }, old))
console.log(run([check], { MSW_VERSION: newest }))
// The project (cwd) resolves the old copy while deck-emulator imports its own: refused, naming both.
const refusal = run([check], { CHECK: 'duplicate' }, old)
if (!refusal.includes(`msw ${oldest}`) || !refusal.includes(`msw ${newest}`))
  throw new Error(`the two-copies error should name ${oldest} and ${newest}:\n${refusal}`)
console.log(`two copies refused: ${refusal.slice(0, 120)}…`)
run([check], { CHECK: 'duplicate-allowed' }, old)
console.log(`msw ${oldest} and ${newest} checked in ${((Date.now() - started) / 1000).toFixed(1)}s`)
