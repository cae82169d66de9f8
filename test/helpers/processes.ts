import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { waitFor } from './wait.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** A child process whose stdout lines are collected as they come. */
export interface Child {
  proc: ChildProcess
  lines: string[]
  /** Bounded wait for a stdout line matching `pattern`; returns the match. */
  line(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  kill(signal?: NodeJS.Signals): Promise<void>
}

function start(args: string[]): Child {
  const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  let stderr = ''
  let buffer = ''
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8')
    const parts = buffer.split('\n')
    buffer = parts.pop()!
    lines.push(...parts)
  })
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  return {
    proc,
    lines,
    line: (pattern, timeoutMs = 15_000) =>
      waitFor(
        () => {
          if (proc.exitCode !== null) throw new Error(`process exited (${proc.exitCode}): ${stderr}`)
          for (const l of lines) {
            const m = l.match(pattern)
            if (m) return m
          }
          return undefined
        },
        `a line matching ${pattern} (stderr: ${stderr.slice(-500)})`,
        timeoutMs,
      ),
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
      await exited
    },
  }
}

/** The CLI from source (`node --import tsx src/cli.ts`), so no build is needed. */
export async function startCli(args: string[]): Promise<Child & { url: string }> {
  const child = start(['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', ...args])
  const [, url] = await child.line(/listening on (http:\/\/\S+)/)
  return { ...child, url: url! }
}

/** The standardwebhooks-verifying receiver (test/helpers/verifying-receiver.mjs) in its own process. */
export async function startVerifyingReceiver(port = 0, secrets: string[] = []) {
  const child = start(['test/helpers/verifying-receiver.mjs', String(port), ...secrets])
  const [, json] = await child.line(/^(\{"port":\d+\})$/)
  const base = `http://127.0.0.1:${(JSON.parse(json!) as { port: number }).port}`
  return {
    ...child,
    url: `${base}/webhooks`,
    setSecrets: (list: string[]) => fetch(`${base}/secrets`, { method: 'POST', body: JSON.stringify({ secrets: list }) }),
    results: async () =>
      (await (await fetch(`${base}/results`)).json()) as { webhook_id: string; type: string; event_id: string; verified: boolean; error: string | null }[],
  }
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
