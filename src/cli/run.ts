import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { formatResult, formatSummary, junitXml } from '../replay/report.js'
import { runScenarioFiles } from '../replay/runner.js'
import { remoteTarget } from '../replay/target.js'
import { expandPatterns } from './glob.js'
import { UsageError } from './serve.js'
import { RUN_HELP } from './help.js'

export { RUN_HELP }

export async function run(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      junit: { type: 'string' },
      url: { type: 'string' },
      key: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    out(RUN_HELP)
    return 0
  }
  if (positionals.length === 0) throw new UsageError(`No scenario files given.\n\n${RUN_HELP}`)
  if (values.key && !values.url) throw new UsageError('--key only makes sense with --url')
  const { files, unmatched } = await expandPatterns(positionals)
  for (const pattern of unmatched) out(`✗ ${pattern}: no such file, or no file matches`)
  if (files.length === 0) return 1
  const results = await runScenarioFiles(files, {
    ...(values.url ? { target: remoteTarget(values.url, values.key) } : {}),
    onResult: (result) => out(formatResult(result, { quiet: values.quiet ?? false })),
  })
  out(formatSummary(results))
  if (values.junit) {
    await mkdir(dirname(values.junit), { recursive: true })
    await writeFile(values.junit, junitXml(results))
    out(`JUnit XML written to ${values.junit}`)
  }
  return results.every((r) => r.ok) && unmatched.length === 0 ? 0 : 1
}
