#!/usr/bin/env node
// The Python helper's unittest suite (python/test_deck_emulator.py) against the
// built CLI, dist/deck-emulator.js. Standard library only. `npm run test:python`.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const bin = join(root, 'dist/deck-emulator.js')
if (!existsSync(bin)) throw new Error('dist/deck-emulator.js is missing: run npm run build first')
execFileSync('python3', ['-m', 'unittest', 'test_deck_emulator'], {
  cwd: join(root, 'python'),
  stdio: 'inherit',
  env: { ...process.env, DECK_EMULATOR_BIN: bin, PYTHONDONTWRITEBYTECODE: '1' },
})
