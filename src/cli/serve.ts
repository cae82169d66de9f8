import { parseArgs } from 'node:util'
import { createEmulator, DEFAULT_API_KEY } from '../emulator.js'
import { ScenarioError } from '../scenario/load.js'
import { StoreFileError } from '../store/durable-json-file.js'

export const SERVE_HELP = `Usage: deck-emulator [serve] [options]

Starts the Deck API emulator.

Options:
  -p, --port <n>          Port to listen on (default 4010; 0 picks a free one)
  -H, --host <addr>       Address to bind (default 127.0.0.1)
  -s, --scenario <path>   Scenario file or directory; repeat to load several (default: none,
                          magic credentials only)
      --db <file>         JSON database file (default .deck-emulator/db.json)
      --in-memory         Keep everything in memory; nothing is written to disk
      --seed <n>          Seed for IDs and fake data (default 0)
      --clock <mode>      manual | system: clock of new tenants (default system)
      --keys <k1,k2>      Accept only these API keys (default: any sk_test_/sk_live_ key)
      --rate-limit        Enforce Deck's 200 requests / 10 s per key (off by default)
      --webhook <url>     Send every event of every tenant to this URL (Standard Webhooks signed);
                          repeat for several. The signing secret is printed at start
  -h, --help              Show this help
  -v, --version           Print the version
`

export const serveOptions = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string', short: 'H' },
  scenario: { type: 'string', short: 's', multiple: true },
  db: { type: 'string' },
  'in-memory': { type: 'boolean' },
  seed: { type: 'string' },
  clock: { type: 'string' },
  keys: { type: 'string' },
  'rate-limit': { type: 'boolean' },
  webhook: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

export class UsageError extends Error {}

export async function serve(argv: string[], out: (line: string) => void = console.log): Promise<{ close(): Promise<void> }> {
  const { values } = parseArgs({ args: argv, options: serveOptions, allowPositionals: false, strict: true })
  const port = values.port === undefined ? 4010 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${values.port}`)
  if (values.clock !== undefined && values.clock !== 'manual' && values.clock !== 'system') throw new UsageError('--clock must be manual or system')
  if (values['in-memory'] && values.db) throw new UsageError('--db and --in-memory cannot be used together')
  for (const url of values.webhook ?? []) {
    if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) throw new UsageError(`--webhook must be an http(s) URL, got ${url}`)
  }
  const host = values.host ?? '127.0.0.1'
  const dbPath = values.db ?? '.deck-emulator/db.json'
  const keys = values.keys?.split(',').map((k) => k.trim()).filter(Boolean)

  const emulator = await createEmulator({
    ...(values.scenario ? { scenario: values.scenario } : {}),
    ...(values.seed !== undefined ? { seed: /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed } : {}),
    ...(values.clock ? { clock: values.clock as 'manual' | 'system' } : {}),
    storage: values['in-memory'] ? { type: 'memory' } : { type: 'file', path: dbPath },
    ...(keys?.length ? { keys } : {}),
    ...(values['rate-limit'] ? { rateLimit: true } : {}),
    ...(values.webhook?.length ? { webhooks: { destinations: values.webhook } } : {}),
    log: (line) => console.error(line),
  })
  let server
  try {
    server = await emulator.listen(port, host)
  } catch (error) {
    await emulator.close()
    throw new UsageError(`Cannot listen on ${host}:${port}: ${(error as Error).message}`)
  }
  const key = keys?.[0] ?? DEFAULT_API_KEY
  out(`deck-emulator listening on ${server.url}`)
  out(`  Base URL   ${server.url}/v2`)
  out(`  API key    ${key}   (every sk_test_… key is its own isolated tenant)`)
  out(`  Storage    ${values['in-memory'] ? 'in memory' : dbPath}`)
  const scenario = emulator.scenario
  out(`  Scenario   ${scenario ? `${scenario.name} (sources: ${scenario.sources.map((s) => s.id).join(', ') || 'none'})` : 'none (magic credentials: user_good, user_mfa, user_question, …)'}`)
  // Secrets are printed here, once, on purpose: the receiver needs them. They never go to logs.
  for (const d of emulator.destinations) out(`  Webhook    ${d.url}  events ${d.events.join(',')}  secret ${d.secret}`)
  out(`  Try        curl -H 'Authorization: Bearer ${key}' ${server.url}/v2/connections`)
  return {
    close: async () => {
      await emulator.close()
    },
  }
}

export function describeStartupError(error: unknown): string | undefined {
  if (error instanceof ScenarioError || error instanceof StoreFileError || error instanceof UsageError) return error.message
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message
  if ((error as NodeJS.ErrnoException)?.code?.startsWith?.('ERR_PARSE_ARGS')) return (error as Error).message
  return undefined
}
