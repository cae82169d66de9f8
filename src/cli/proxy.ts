import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { startProxy } from '../proxy/proxy.js'
import { UsageError } from './serve.js'
import { PROXY_HELP } from './help.js'

export { PROXY_HELP }

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, text)
  await rename(temp, file)
}

export async function proxy(argv: string[], out: (line: string) => void = console.log): Promise<{ url: string; close(): Promise<void> }> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    strict: true,
    options: {
      upstream: { type: 'string', short: 'u' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string', short: 'H' },
      report: { type: 'string' },
      record: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (!values.upstream) throw new UsageError(`--upstream <url> is required.\n\n${PROXY_HELP}`)
  if (!/^https?:\/\/[^/]/.test(values.upstream) || !URL.canParse(values.upstream))
    throw new UsageError(`--upstream must be an http(s) URL, got ${values.upstream}`)
  const port = values.port === undefined ? 4020 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${values.port}`)
  const host = values.host ?? '127.0.0.1'
  let running: Awaited<ReturnType<typeof startProxy>>
  try {
    running = await startProxy({ upstream: values.upstream, port, host, record: values.record !== undefined })
  } catch (error) {
    throw new UsageError(`Cannot listen on ${host}:${port}: ${(error as Error).message}`)
  }
  out(
    [
      `deck-emulator proxy listening on ${running.url}`,
      `  Upstream   ${running.upstream}   (every request is forwarded with the caller's key)`,
      `  Checks     each /v2 response against the emulator's route schemas${values.report ? `; report → ${values.report}` : ''}`,
      ...(values.record ? [`  Records    the session as a scenario → ${values.record}`] : []),
      `  Live       ${running.url}/_proxy/report   (the drift report so far)`,
    ].join('\n'),
  )
  const proxyRunning = running
  return {
    url: running.url,
    close: async () => {
      await proxyRunning.close()
      if (values.report) await writeAtomically(values.report, `${JSON.stringify(proxyRunning.report.toJSON(), null, 2)}\n`)
      if (values.record && proxyRunning.recorder) await writeAtomically(values.record, proxyRunning.recorder.scenarioText())
      // The summary goes to stderr: stdout may be piped into something that wants only the banner.
      console.error(proxyRunning.report.summary())
      if (values.report) console.error(`Drift report written to ${values.report}`)
      if (values.record) console.error(`Scenario written to ${values.record} (replay: deck-emulator run ${values.record})`)
    },
  }
}
