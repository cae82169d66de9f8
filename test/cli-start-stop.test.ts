import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../src/index.js'
import { exited, tempDir } from './helpers/cli.js'

const ROOT = resolve(import.meta.dirname, '..')

/** A project with deck-emulator "installed": its bin runs this checkout's CLI from source, as npx would run the real one. */
function project(): string {
  const dir = tempDir('npx')
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'integrator', private: true }))
  const bin = join(dir, 'node_modules/.bin/deck-emulator')
  writeFileSync(
    bin,
    `#!/bin/sh\nexec "${process.execPath}" --import "${join(ROOT, 'node_modules/tsx/dist/esm/index.mjs')}" "${join(ROOT, 'src/cli.ts')}" "$@"\n`,
    { mode: 0o755 },
  )
  return dir
}

/** Resolves with the first stdout line (parsed) and a promise of the moment every holder of stdout is gone. */
function firstLine(child: ChildProcess): Promise<{ ready: Record<string, any>; stdoutClosed: Promise<void>; output: () => string }> {
  let out = ''
  let err = ''
  const stdoutClosed = new Promise<void>((r) => child.stdout!.once('close', () => r()))
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()))
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const newline = out.indexOf('\n')
      if (newline >= 0) resolvePromise({ ready: JSON.parse(out.slice(0, newline)), stdoutClosed, output: () => out + err })
    })
    child.once('exit', (code) => reject(new Error(`exited with ${code} before a line:\n${out}${err}`)))
  })
}

describe('a machine-readable start', () => {
  it('--log-format json: the first stdout line is one JSON object, also written to --ready-file; removed on stop', async () => {
    const dir = tempDir('ready')
    const readyFile = join(dir, 'ready.json')
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src/cli.ts'),
        '--log-format',
        'json',
        '--port',
        '0',
        '--in-memory',
        '--scenario',
        'scenarios/forced-mfa.yaml',
        '--ready-file',
        readyFile,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const { ready } = await firstLine(child)
    expect(ready).toMatchObject({
      event: 'listening',
      host: '127.0.0.1',
      api_key: 'sk_test_emulator',
      storage: { type: 'memory' },
      scenario: { name: 'forced-mfa', sources: ['src_acme_bank'] },
      pid: child.pid,
    })
    expect(ready.url).toBe(`http://127.0.0.1:${ready.port}`)
    expect(ready.base_url).toBe(`${ready.url}/v2`)
    expect(typeof ready.browser_login.available).toBe('boolean')
    expect(JSON.parse(readFileSync(readyFile, 'utf8'))).toEqual(ready)
    const res = await fetch(`${ready.base_url}/sources/src_acme_bank`, { headers: { authorization: `Bearer ${ready.api_key}` } })
    expect(res.status).toBe(200)
    child.kill('SIGTERM')
    expect(await exited(child)).toBe(0)
    expect(existsSync(readyFile)).toBe(false)
  })
})

describe('stopping however it was started', () => {
  for (const [how, args, signal] of [
    ['npx deck-emulator', ['npx', '--no-install', 'deck-emulator'], 'SIGTERM'],
    ['npm exec deck-emulator', ['npm', 'exec', '--no', '--', 'deck-emulator'], 'SIGTERM'],
  ] as const) {
    it(`${how} stopped with ${signal}: the emulator itself exits and releases the database lock`, async () => {
      const cwd = project()
      const db = join(cwd, 'db.json')
      const [command, ...rest] = args
      const child = spawn(command, [...rest, '--port', '0', '--db', db, '--log-format', 'json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
      const { ready, stdoutClosed } = await firstLine(child)
      expect(ready.pid).not.toBe(child.pid) // npm, then sh, then node: the signal goes to npm
      expect(existsSync(`${db}.lock`)).toBe(true)
      child.kill(signal)
      await exited(child)
      // The emulator's node process holds stdout too: closed = it has exited.
      await stdoutClosed
      expect(existsSync(`${db}.lock`)).toBe(false)
      const next = await createEmulator({ storage: { type: 'file', path: db } })
      await next.close()
    }, 60_000)
  }

  it('exits when its parent dies (SIGKILL, no signal passed on)', async () => {
    const dir = tempDir('orphan')
    const db = join(dir, 'db.json')
    // A parent that starts the emulator and is then killed outright.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `
      const { spawn } = require('node:child_process')
      spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(join(ROOT, 'src/cli.ts'))}, '--port', '0', '--db', ${JSON.stringify(db)}, '--log-format', 'json'], { cwd: ${JSON.stringify(ROOT)}, stdio: ['ignore', 'inherit', 'inherit'] })
    `,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const { ready, stdoutClosed } = await firstLine(parent)
    expect(ready.event).toBe('listening')
    parent.kill('SIGKILL')
    await stdoutClosed
    expect(existsSync(`${db}.lock`)).toBe(false)
  }, 60_000)
})
