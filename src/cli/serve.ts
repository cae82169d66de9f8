import { parseArgs } from 'node:util'
import type { ScenarioDoc } from '../scenario/types.js'
import { UI_BASE } from '../dashboard/auth.js'
import { createEmulator, DEFAULT_API_KEY } from '../emulator.js'
import { createLogger, type LogFormat } from '../log/logger.js'
import { browserSupport, describeBrowserSupport } from '../browser/availability.js'
import { locateChromium } from '../browser/chromium.js'
import { writeReadyFile, type ReadyInfo } from './ready.js'
import { VERSION } from '../version.js'
import { ScenarioError } from '../scenario/load.js'
import { StoreFileError } from '../store/durable-json-file.js'
import { watchScenarioPaths } from './watch.js'
import { KEY_PATTERN } from '../domain/api-key.js'
import { API_SETTINGS, isApiSetting, type ApiSetting } from '../domain/generation.js'

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
      --api <generation>  both | connections | credentials: the Deck API generation(s) tenants
                          serve (default both; a scenario's api: wins)
      --keys <k1,k2>      Accept only these API keys (default: any sk_test_/sk_live_ key)
      --rate-limit        Enforce Deck's 200 requests / 10 s per key (off by default)
  -w, --watch             Reload changed scenario files without a restart (a broken edit is
                          reported and the last good version stays in force)
      --log-format <f>    pretty | json: one line per connection transition and webhook attempt
                          (default pretty; secrets are never logged). With json, the first stdout
                          line is one JSON object: url, base_url, port, api_key, storage, scenario…
      --ready-file <path> Once listening, write that same JSON object to <path> (removed on stop)
  -q, --quiet             Log errors only
      --chromium <path>   Chromium/Chrome binary for sources with login_with: browser (default:
                          $DECK_EMULATOR_CHROMIUM, /usr/bin/chromium…, then the one npm installs)
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
  api: { type: 'string' },
  keys: { type: 'string' },
  'rate-limit': { type: 'boolean' },
  watch: { type: 'boolean', short: 'w' },
  'log-format': { type: 'string' },
  'ready-file': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  chromium: { type: 'string' },
  webhook: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

export class UsageError extends Error {}

export async function serve(argv: string[], out: (line: string) => void = console.log): Promise<{ close(): Promise<void>; log(line: string): void }> {
  const { values } = parseArgs({ args: argv, options: serveOptions, allowPositionals: false, strict: true })
  const port = values.port === undefined ? 4010 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, got ${values.port}`)
  if (values.clock !== undefined && values.clock !== 'manual' && values.clock !== 'system') throw new UsageError('--clock must be manual or system')
  if (values.api !== undefined && !isApiSetting(values.api)) throw new UsageError(`--api must be one of ${API_SETTINGS.join(', ')}, got ${values.api}`)
  if (values['in-memory'] && values.db) throw new UsageError('--db and --in-memory cannot be used together')
  const format = values['log-format'] ?? 'pretty'
  if (format !== 'pretty' && format !== 'json') throw new UsageError('--log-format must be pretty or json')
  if (values.watch && !values.scenario) throw new UsageError('--watch needs --scenario <file|dir> to watch')
  for (const url of values.webhook ?? []) {
    if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) throw new UsageError(`--webhook must be an http(s) URL, got ${url}`)
  }
  const host = values.host ?? '127.0.0.1'
  const dbPath = values.db ?? '.deck-emulator/db.json'
  const keys = values.keys
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean)
  const badKey = keys?.find((k) => !KEY_PATTERN.test(k))
  if (badKey !== undefined)
    throw new UsageError(`--keys: "${badKey}" is not a valid API key (expected sk_test_… or sk_live_…, letters, digits and _, at least 4 after the prefix)`)
  if (values.keys !== undefined && !keys?.length) throw new UsageError('--keys needs at least one key')
  const key = keys?.[0] ?? DEFAULT_API_KEY
  const logger = createLogger({ format: format as LogFormat, quiet: !!values.quiet, write: (line) => console.error(line), defaultKey: key })

  const emulator = await createEmulator({
    ...(values.scenario ? { scenario: values.scenario } : {}),
    ...(values.seed !== undefined ? { seed: /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed } : {}),
    ...(values.clock ? { clock: values.clock as 'manual' | 'system' } : {}),
    ...(values.api ? { api: values.api as ApiSetting } : {}),
    storage: values['in-memory'] ? { type: 'memory' } : { type: 'file', path: dbPath },
    ...(keys?.length ? { keys } : {}),
    ...(values['rate-limit'] ? { rateLimit: true } : {}),
    log: (line) => logger.error(line),
    logger,
    ...(values.chromium ? { chromium: values.chromium } : {}),
    ...(values.webhook?.length ? { webhooks: { destinations: values.webhook } } : {}),
  })
  let server: Awaited<ReturnType<typeof emulator.listen>>
  try {
    server = await emulator.listen(port, host)
  } catch (error) {
    await emulator.close()
    throw new UsageError(`Cannot listen on ${host}:${port}: ${(error as Error).message}`)
  }
  const scenario = emulator.scenario
  const browser = browserSupport(values.chromium)
  const ready: ReadyInfo = {
    event: 'listening',
    version: VERSION,
    pid: process.pid,
    url: server.url,
    base_url: `${server.url}/v2`,
    host,
    port: server.port,
    api_key: key,
    api: emulator.tenants.apiOf(),
    storage: values['in-memory'] ? { type: 'memory' } : { type: 'file', path: dbPath },
    scenario: scenario ? { name: scenario.name, files: emulator.scenarioPaths, sources: scenario.sources.map((s) => s.id) } : null,
    browser_login: { available: browser.ok, detail: describeBrowserSupport(browser) },
    webhooks: emulator.destinations.map((d) => ({ url: d.url, events: d.events, secret: d.secret })),
    dashboard: `${server.url}${UI_BASE}?key=${key}`,
    watching: !!values.watch,
  }
  // The ready file first: whoever reads the ready line may look for the file at once.
  const removeReadyFile = values['ready-file'] ? await writeReadyFile(values['ready-file'], ready) : async () => {}
  // With json the first stdout line is the ready object (logs are JSON lines on stderr); the banner follows for people.
  if (format === 'json') out(JSON.stringify(ready))
  out(banner(ready, scenario, values.chromium))
  const stopWatching = values.watch
    ? await watchScenarioPaths(emulator.scenarioPaths, async () => {
        const result = await emulator.reloadScenario()
        if (result.ok)
          logger.info(
            `scenario reloaded: ${result.scenario?.name} (${result.files.length} file${result.files.length === 1 ? '' : 's'}, ${result.tenants.length} tenant${result.tenants.length === 1 ? '' : 's'} updated; connections keep their state)`,
            { event: 'scenario_reloaded' },
          )
        else logger.error(`scenario not reloaded, the last good version stays in force:\n${result.error.message}`, { event: 'scenario_reload_failed' })
      })
    : () => {}
  return {
    close: async () => {
      stopWatching()
      await emulator.close()
      await removeReadyFile()
    },
    log: (line) => logger.info(line.trim(), { event: 'shutdown' }),
  }
}

function banner(ready: ReadyInfo, scenario: ScenarioDoc | null, chromium: string | undefined): string {
  const lines: string[] = []
  lines.push(`deck-emulator listening on ${ready.url}`)
  lines.push(`  Base URL   ${ready.base_url}`)
  lines.push(`  API key    ${ready.api_key}   (every sk_test_… key is its own isolated tenant)`)
  lines.push(`  Storage    ${ready.storage.type === 'memory' ? 'in memory' : ready.storage.path}`)
  lines.push(
    `  Scenario   ${scenario ? `${scenario.name} (sources: ${scenario.sources.map((s) => s.id).join(', ') || 'none'})` : 'none (magic credentials: user_good, user_mfa, user_question, …)'}`,
  )
  lines.push(`  API        ${ready.api === 'both' ? 'both generations (connections and credentials)' : `${ready.api} generation only`}`)
  lines.push(`  Dashboard  ${ready.dashboard}`)
  lines.push(`  Sites      ${ready.url}/_sources/{source_id}/login   (fake source websites)`)
  const browserSources = scenario?.sources.filter((s) => s.login_with?.mode === 'browser').map((s) => s.id) ?? []
  if (browserSources.length) {
    const found = locateChromium(chromium)
    const detail = !ready.browser_login.available
      ? `UNAVAILABLE. ${ready.browser_login.detail.replace(/^not available: /, '')}`
      : found.ok
        ? 'path' in found
          ? found.path
          : `npm @sparticuz/chromium ${found.version}`
        : `UNAVAILABLE. ${found.problem}`
    lines.push(`  Browser    ${browserSources.join(', ')} log in with Chromium: ${detail}`)
  } else {
    lines.push(`  Browser    login_with: browser ${ready.browser_login.detail}`)
  }
  // Secrets are printed here, once, on purpose: the receiver needs them. They never go to logs.
  for (const d of ready.webhooks) lines.push(`  Webhook    ${d.url}  events ${d.events.join(',')}  secret ${d.secret}`)
  if (ready.watching) lines.push(`  Watching   ${ready.scenario?.files.join(', ')} (edits reload without a restart)`)
  lines.push(`  Try        curl -H 'Authorization: Bearer ${ready.api_key}' ${ready.url}/v2/connections`)
  return lines.join('\n')
}

export function describeStartupError(error: unknown): string | undefined {
  if (error instanceof ScenarioError || error instanceof StoreFileError || error instanceof UsageError) return error.message
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message
  if ((error as NodeJS.ErrnoException)?.code?.startsWith?.('ERR_PARSE_ARGS')) return (error as Error).message
  return undefined
}
