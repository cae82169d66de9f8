import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { abRounds, hammer } from '../lib/load.mjs'
import { startServer } from '../lib/proc.mjs'
import { auth, BARE, freePort, NODE, ROOT, row, TMP } from '../lib/common.mjs'

const PEERS = join(ROOT, 'bench/peers')
const connection = {
  id: 'conn_bench0000000000',
  object: 'connection',
  status: 'connected',
  source_id: 'src_bench000000000',
  auth_method: 'username_password',
  auth_credentials: { username: 'user_good' },
  external_id: null,
  interaction: null,
  errors: [],
  last_connected_at: '2026-01-01T00:00:00.000Z',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  request_id: 'req_bench0000000000',
}

/** The read route as a minimal OpenAPI 3.0 document with the emulator's response as the example. */
function spec() {
  const file = join(TMP, 'peers', 'openapi.json')
  mkdirSync(join(TMP, 'peers'), { recursive: true })
  writeFileSync(
    file,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Deck read route', version: '1' },
      servers: [{ url: '/' }],
      paths: {
        '/v2/connections/{id}': {
          get: {
            operationId: 'getConnection',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { 200: { description: 'The connection', content: { 'application/json': { schema: { type: 'object' }, example: connection } } } },
          },
        },
      },
    }),
  )
  return file
}

function ensureInstalled() {
  if (existsSync(join(PEERS, 'node_modules/.bin/prism')) && existsSync(join(PEERS, 'node_modules/.bin/mockoon-cli'))) return
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', PEERS], { stdio: 'inherit', timeout: 300_000 })
}

/** peers: the read route served by Prism and by Mockoon (from npm), each next to bare Hono. */
export async function peersPhase({ emulatorReadRps }) {
  const rows = []
  try {
    ensureInstalled()
  } catch (error) {
    return [row('peers', 'Prism / Mockoon', { value: NaN, unit: '', target: '(reference)', note: `could not install from npm: ${error.message}` })]
  }
  const file = spec()
  const headers = auth('sk_test_bench_peer')
  const peers = [
    [
      'Prism 5 (prism mock)',
      async (port) =>
        startServer(join(PEERS, 'node_modules/.bin/prism'), ['mock', file, '-p', String(port), '-h', '127.0.0.1'], {
          probe: '/v2/connections/x',
          timeoutMs: 120_000,
        }),
    ],
    [
      'Mockoon CLI 9 (OpenAPI import)',
      async (port) =>
        startServer(join(PEERS, 'node_modules/.bin/mockoon-cli'), ['start', '--data', file, '--port', String(port), '--disable-log-to-file'], {
          probe: '/v2/connections/x',
          timeoutMs: 120_000,
          url: `http://127.0.0.1:${port}`,
        }),
    ],
  ]
  for (const [name, start] of peers) {
    let peer
    const bare = await startServer(NODE, [BARE], { probe: '/health' })
    try {
      peer = await start(await freePort())
      const { a, b } = await abRounds(
        1,
        () => hammer(`${bare.url}/v2/connections/conn_x`, { headers }),
        () => hammer(`${peer.url}/v2/connections/conn_x`, { headers }),
      )
      rows.push(
        row('peers', `${name}: GET /v2/connections/{id}`, {
          value: b.rps,
          unit: 'req/s',
          baseline: a.rps,
          baselineLabel: 'bare Hono JSON route',
          target: '(reference)',
          pass: undefined,
          note: `emulator read is ${(emulatorReadRps / b.rps).toFixed(2)}× this peer; started in ${Math.round(peer.readyMs)} ms; errors ${b.errors + b.non2xx}`,
        }),
      )
    } catch (error) {
      rows.push(
        row('peers', `${name}: GET /v2/connections/{id}`, {
          value: NaN,
          unit: 'req/s',
          target: '(reference)',
          note: `did not run: ${String(error.message).split('\n')[0]}`,
        }),
      )
    } finally {
      await Promise.all([bare.stop(), peer?.stop()])
    }
  }
  return rows
}
