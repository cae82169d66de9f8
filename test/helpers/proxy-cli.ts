import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { waitFor } from './wait.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** `deck-emulator proxy --port 0 …` from source, with its stdout and stderr collected. */
export async function startProxyCli(args: string[]) {
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'proxy', '--port', '0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  proc.stdout!.on('data', (c: Buffer) => (stdout += c.toString()))
  proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  const [, url] = await waitFor(
    () => {
      if (proc.exitCode !== null) throw new Error(`proxy exited (${proc.exitCode}): ${stderr}`)
      return /listening on (http:\/\/\S+)/.exec(stdout) ?? undefined
    },
    `the proxy's banner (stderr: ${stderr})`,
    20_000,
  )
  return {
    url: url!,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Sends the signal and resolves with the exit code. */
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
      return exited
    },
  }
}
