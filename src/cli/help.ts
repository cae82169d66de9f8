// The help texts of the run, init and proxy commands, apart from their code so that `deck-emulator
// --help` and the default `serve` load only what they use (cli.ts imports the commands on use).

export const RUN_HELP = `Usage: deck-emulator run <files, dirs or globs…> [options]

Replays each scenario's \`steps\` on a fresh tenant with the manual clock and
checks every expectation. Prints one line per step; exits 1 if any step fails.

Options:
      --junit <file>      Also write JUnit XML (one testcase per scenario) for CI
      --url <base url>    Run against a running emulator (e.g. http://127.0.0.1:4010)
                          instead of a fresh in-process one
      --key <api key>     With --url: the key to use (default: a fresh sk_test_… key per scenario)
  -q, --quiet             One line per passing scenario (failures still show every step)
  -h, --help              Show this help

Examples:
  deck-emulator run scenarios/*.yaml
  deck-emulator run 'scenarios/**/*.yaml' --junit reports/scenarios.xml
  deck-emulator run scenarios --url http://127.0.0.1:4010
`

export const INIT_HELP = `Usage: deck-emulator init [file] [--force]

Writes a commented starter scenario (default scenarios/local.yaml) and prints how to use it.

Options:
  -f, --force             Overwrite the file if it exists
  -h, --help              Show this help
`

export const PROXY_HELP = `Usage: deck-emulator proxy --upstream <url> [options]

Listens like the emulator and forwards every request (method, headers with the
caller's Authorization and Idempotency-Key, body) to the upstream, answering with
the upstream's response unchanged. Each /v2 response is checked against the
emulator's own route schemas (documented status, body shape, required fields,
enum values, types, unknown fields); the differences are summed up on exit
(Ctrl-C / SIGTERM). Secrets are redacted in everything it writes.

Options:
  -u, --upstream <url>    The API to forward to, e.g. https://api.deck.co (required)
  -p, --port <n>          Port to listen on (default 4020; 0 picks a free one)
  -H, --host <addr>       Address to bind (default 127.0.0.1)
      --report <file>     Write the drift report as JSON (on exit)
      --record <file>     Write a scenario that replays the session (on exit), for
                          deck-emulator run; passwords and codes become FILL_IN_ placeholders
  -h, --help              Show this help

Examples:
  deck-emulator proxy --upstream https://api.deck.co --report drift.json
  deck-emulator proxy --upstream https://api.deck.co --record scenarios/recorded.yaml
`
