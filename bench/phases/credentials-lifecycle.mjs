import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { median, startServer } from '../lib/proc.mjs'
import { BARE, CLI, NODE, TMP, row } from '../lib/common.mjs'
import { credentialsLifecycle } from '../lib/credentials-lifecycle.mjs'
import { createSource, floorRequests, lifecycle } from '../lib/lifecycle.mjs'
import { addDestination, startReceiver } from '../lib/receiver.mjs'

const RUNS = 300
const JSON_HEADERS = { authorization: 'Bearer sk_test_floor', 'content-type': 'application/json' }
const CREATE_BODY = JSON.stringify({ source_id: 'src_floor', auth_method: 'username_password', auth_credentials: { username: 'user_mfa', password: 'pw' } })

/**
 * The transport floor of a flow: its requests, as POSTs and GETs of the same bodies, answered by a bare
 * Hono server, then one webhook-sized POST to the same receiver. No server can answer the same mix of
 * requests faster with this client, so the ratio of the two floors is the lowest whole-lifecycle ratio
 * any implementation could show.
 */
async function floorFlow(bareUrl, receiverUrl, webhookBody, posts, gets) {
  const t = performance.now()
  for (let i = 0; i < posts; i++) await (await fetch(`${bareUrl}/v2/connections`, { method: 'POST', headers: JSON_HEADERS, body: CREATE_BODY })).json()
  await floorRequests(fetch, bareUrl, gets)
  await (await fetch(receiverUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: webhookBody })).arrayBuffer()
  return performance.now() - t
}

const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]

// A task that completes as soon as it starts (zero delays), so the figure is the emulator's own cost.
const SCENARIO =
  'name: bench-credentials\nagents: [{ id: agt_bench, name: Bench }]\ntasks: [{ id: task_bench, agent_id: agt_bench, name: Bench, run: [ { output: { ok: true } } ] }]\n'

/**
 * credentials-lifecycle: over loopback HTTP, one credentials-generation
 * lifecycle (create credential → run → MFA inside the run → completed →
 * signed `task_run.completed` webhook received), p50/p99, against the
 * connections lifecycle (create → MFA → connected → signed webhook) measured
 * in the same phase, on the same server and receiver, interleaved.
 */
export async function credentialsLifecyclePhase() {
  const scenario = join(TMP, 'bench-credentials.yaml')
  writeFileSync(scenario, SCENARIO)
  const server = await startServer(NODE, [CLI, '--in-memory', '--port', '0', '--scenario', scenario], { probe: '/_emulator/health' })
  const bare = await startServer(NODE, [BARE], { probe: '/health' })
  const receiver = await startReceiver({ types: ['connection.connected', 'task_run.completed'] })
  const key = 'sk_test_bench_cred_life'
  const cred = []
  const conn = []
  const credFloor = []
  const connFloor = []
  let verified = 0
  let requests = 0
  let connRequests = 0
  try {
    const src = await createSource(fetch, server.url, key)
    const secret = await addDestination(server.url, key, receiver.url, ['connection.connected', 'task_run.completed'])
    const timed = async (fn) => {
      const t = performance.now()
      const { id, requests: n } = await fn()
      const arrived = await receiver.connected(id)
      return { ms: Math.max(performance.now(), arrived) - t, n }
    }
    const credOnce = () => timed(() => credentialsLifecycle(fetch, server.url, key, src, 'task_bench'))
    const connOnce = () => timed(() => lifecycle(fetch, server.url, key, src))
    await credOnce()
    receiver.verifyFirst(secret)
    for (let i = 0; i < 30; i++) {
      await credOnce()
      await connOnce()
    } // warm-up
    const webhookBody = receiver.received.at(-1).body
    // Credentials: credential, run and answer are POSTs, the two polls GETs; connections: create and answer, two polls.
    const credFloorOnce = () => floorFlow(bare.url, receiver.url, webhookBody, 3, 2)
    const connFloorOnce = () => floorFlow(bare.url, receiver.url, webhookBody, 2, 2)
    for (let i = 0; i < 30; i++) {
      await credFloorOnce()
      await connFloorOnce()
    } // warm-up
    for (let i = 0; i < RUNS; i++) {
      credFloor.push(await credFloorOnce())
      connFloor.push(await connFloorOnce())
      const c = await credOnce()
      cred.push(c.ms)
      requests = c.n
      const k = await connOnce()
      conn.push(k.ms)
      connRequests = k.n
    }
    verified = receiver.verifyAll(secret)
  } finally {
    await Promise.all([server.stop(), bare.stop(), receiver.close()])
  }
  const p50 = median(cred)
  const connP50 = median(conn)
  const [credFloorP50, connFloorP50] = [median(credFloor), median(connFloor)]
  return [
    row(
      'credentials',
      `one credentials lifecycle over loopback HTTP, p50 (credential → run → MFA → completed → signed webhook received, ${requests} requests)`,
      {
        value: p50,
        unit: 'ms',
        baseline: connP50,
        baselineLabel: 'the connections lifecycle p50, same server, interleaved',
        target: '≤ 1.2× and < 5 ms',
        pass: p50 < 5 && p50 <= 1.2 * connP50,
        better: 'lower',
        note: `${RUNS} runs each; all ${verified} webhooks verified with \`standardwebhooks\` after the timed loop`,
      },
    ),
    // The credentials flow takes one request more than the connections one (the credential itself), so 5/4 = 1.25× is
    // the whole-lifecycle ratio at equal cost per request; this row says whether each request costs more.
    row('credentials', `the same p50 per request (${requests} requests vs ${connRequests})`, {
      value: p50 / requests,
      unit: 'ms',
      baseline: connP50 / connRequests,
      baselineLabel: 'connections lifecycle p50 per request',
      target: '(reference)',
      better: 'lower',
    }),
    // Why 1.2× is out of reach at equal cost: the same request mix against a bare Hono server already differs by more.
    row('credentials', 'transport floor of the same request mixes: 3 POST + 2 GET vs 2 POST + 2 GET to bare Hono, + one webhook POST each', {
      value: credFloorP50,
      unit: 'ms',
      baseline: connFloorP50,
      baselineLabel: 'the connections mix on the same bare server, interleaved',
      target: '(reference: the lowest ratio any server reaches with this client)',
      better: 'lower',
    }),
    row('credentials', "the emulator's own cost over that floor: credentials lifecycle p50 − its floor", {
      value: p50 - credFloorP50,
      unit: 'ms',
      baseline: connP50 - connFloorP50,
      baselineLabel: 'connections lifecycle p50 − its floor',
      target: '(reference)',
      better: 'lower',
    }),
    row('credentials', 'one credentials lifecycle over loopback HTTP, p99', {
      value: percentile(cred, 0.99),
      unit: 'ms',
      baseline: percentile(conn, 0.99),
      baselineLabel: 'connections lifecycle p99',
      target: '(reference)',
      better: 'lower',
    }),
  ]
}
