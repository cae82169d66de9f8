import { access, mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { parseScenario } from '../scenario/load.js'
import { UsageError } from './serve.js'
import { starterScenario } from './starter-scenario.js'
import { INIT_HELP } from './help.js'

export { INIT_HELP }

export const DEFAULT_INIT_FILE = 'scenarios/local.yaml'

export async function init(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { force: { type: 'boolean', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  })
  if (values.help) {
    out(INIT_HELP)
    return 0
  }
  if (positionals.length > 1) throw new UsageError('init takes one file name')
  const file = positionals[0] ?? DEFAULT_INIT_FILE
  const exists = await access(file).then(
    () => true,
    () => false,
  )
  if (exists && !values.force) throw new UsageError(`${file} already exists; use --force to overwrite it`)
  const text = starterScenario(file)
  parseScenario(text, file) // never hand out a starter that does not load
  await mkdir(dirname(file), { recursive: true })
  await writeFile(file, text)
  out(`Wrote ${file}: a starter scenario with two sources (Acme Bank asks for an SMS code; Strict Bank rejects unknown logins).

Run the emulator with it, reloading the file whenever you save it:
  npx deck-emulator --scenario ${file} --watch

Then, with the key the banner prints (sk_test_emulator by default):
  curl -s -X POST http://127.0.0.1:4010/v2/connections -H 'Authorization: Bearer sk_test_emulator' \\
    -H 'content-type: application/json' \\
    -d '{"source_id":"src_acme_bank","auth_method":"username_password","auth_credentials":{"username":"alice@example.com","password":"correct-horse"}}'
and answer the code (123456) on the dashboard: http://127.0.0.1:4010/_emulator/ui?key=sk_test_emulator`)
  return 0
}
