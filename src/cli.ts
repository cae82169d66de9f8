#!/usr/bin/env node
import { createRequire } from 'node:module'
// run, init and proxy are imported when used: `serve` (the default, and every test suite's start) doesn't load them.
import { INIT_HELP, PROXY_HELP, RUN_HELP } from './cli/help.js'
import { untilStopped } from './cli/lifecycle.js'
import { describeStartupError, serve, SERVE_HELP } from './cli/serve.js'

const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version

const HELP = `deck-emulator ${VERSION}: an emulator of the Deck API for tests, local development and CI.

Commands:
  serve (default)   Start the emulator (deck-emulator serve --help)
  run <files…>      Replay scenario steps and check them (deck-emulator run --help)
  init [file]       Write a commented starter scenario (default scenarios/local.yaml)
  proxy             Forward to the real API, check it against the contract, record a scenario
                    (deck-emulator proxy --help)

${SERVE_HELP}
${RUN_HELP}
${INIT_HELP}
${PROXY_HELP}`

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv
  const command = first && !first.startsWith('-') ? first : 'serve'
  const args = first && !first.startsWith('-') ? rest : argv
  if (args.includes('--version') || args.includes('-v')) {
    console.log(VERSION)
    return 0
  }
  switch (command) {
    case 'help':
      console.log(HELP)
      return 0
    case 'serve': {
      if (args.includes('--help') || args.includes('-h')) {
        console.log(first === 'serve' ? SERVE_HELP : HELP)
        return 0
      }
      // Signals, and the parent's death (npx / npm exec never pass SIGTERM on): see cli/lifecycle.ts.
      // Listened for before serve() starts, so a SIGTERM right after the ready line still stops cleanly.
      let started: Awaited<ReturnType<typeof serve>> | undefined
      const running = serve(args)
      const stopped = untilStopped(
        async () => (await running).close(),
        (line) => (started ? started.log(line) : console.error(line)),
      )
      started = await running
      await stopped
      return 0
    }
    case 'run':
      if (args.includes('--help') || args.includes('-h')) {
        console.log(RUN_HELP)
        return 0
      }
      return (await import('./cli/run.js')).run(args)
    case 'init':
      return (await import('./cli/init.js')).init(args)
    case 'proxy': {
      if (args.includes('--help') || args.includes('-h')) {
        console.log(PROXY_HELP)
        return 0
      }
      const running = await (await import('./cli/proxy.js')).proxy(args)
      return new Promise<number>((resolve) => {
        const stop = (signal: string) => {
          console.error(`\n${signal}: writing the report…`)
          running.close().then(
            () => resolve(0),
            (error: unknown) => {
              console.error(`deck-emulator proxy: ${(error as Error).message}`)
              resolve(1) // the report or the scenario could not be written
            },
          )
        }
        process.once('SIGINT', () => stop('SIGINT'))
        process.once('SIGTERM', () => stop('SIGTERM'))
      })
    }
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = describeStartupError(error)
    console.error(message ? `deck-emulator: ${message}` : error)
    process.exit(message ? 2 : 1)
  },
)
