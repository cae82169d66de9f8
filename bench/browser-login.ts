/**
 * Browser login benchmark: time from POST /v2/connections to `connected`
 * through a real headless Chromium on the fake source site, with a warm
 * browser, one at a time and 4 at once. Run: npm run bench:browser
 */
import { writeFileSync } from 'node:fs'
import { createEmulator } from '../src/index.js'

const ROUNDS = 10
const key = 'sk_test_bench'
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }
const emulator = await createEmulator({
  scenario: {
    name: 'bench',
    sources: [
      {
        id: 'src_web',
        login_with: 'browser',
        accounts: [{ username: 'mfa', password: 'pw', login: [{ mfa: { code: '123456' } }, 'connected'] }],
      },
    ],
  },
})

const call = async (method: string, path: string, body?: unknown) =>
  (await emulator.fetch(path, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) })).json() as Promise<any>

async function until(id: string, status: string) {
  for (;;) {
    const c = await call('GET', `/v2/connections/${id}`)
    if (c.status === status) return
    if (!['connecting', 'interaction_required'].includes(c.status)) throw new Error(`${id}: ${c.status} ${JSON.stringify(c.errors)}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** One login; with `mfa`, the code is answered through the API as soon as the page asks. */
async function login(mfa: boolean): Promise<number> {
  const started = performance.now()
  const c = await call('POST', '/v2/connections', {
    source_id: 'src_web',
    auth_method: 'username_password',
    auth_credentials: { username: mfa ? 'mfa' : 'user_good', password: 'pw' },
  })
  if (mfa) {
    await until(c.id, 'interaction_required')
    await call('POST', `/v2/connections/${c.id}/interaction`, { inputs: { code: '123456' } })
  }
  await until(c.id, 'connected')
  return performance.now() - started
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b)
  return {
    median: Math.round(s[Math.floor(s.length / 2)]!),
    p95: Math.round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]!),
    max: Math.round(s.at(-1)!),
  }
}

const cold = await login(false)
const plain: number[] = []
const mfa: number[] = []
for (let i = 0; i < ROUNDS; i++) plain.push(await login(false))
for (let i = 0; i < ROUNDS; i++) mfa.push(await login(true))
const parallel: number[] = []
const wall: number[] = []
for (let i = 0; i < 3; i++) {
  const t = performance.now()
  parallel.push(...(await Promise.all([1, 2, 3, 4].map(() => login(true)))))
  wall.push(performance.now() - t)
}
await emulator.close()

const row = (name: string, s: ReturnType<typeof stats>) => `| ${name} | ${s.median} | ${s.p95} | ${s.max} |`
const report = `# Browser login benchmark

Machine: ${process.platform}/${process.arch}, Node ${process.version}, Chromium from ${emulator.browser.source} (${emulator.browser.executable}).
Time from \`POST /v2/connections\` to \`connected\` (polling every 5 ms), headless Chromium on the fake
source site, a screenshot after every step, no \`page_delay\`. Warm browser = already started.

| case | median ms | p95 ms | max ms |
|---|---|---|---|
| cold: first login, browser start included | ${Math.round(cold)} | | |
${row(`warm, no MFA, one at a time (${ROUNDS})`, stats(plain))}
${row(`warm, MFA answered through the API, one at a time (${ROUNDS})`, stats(mfa))}
${row('warm, MFA, 4 at once: each login (3 × 4)', stats(parallel))}
${row('warm, MFA, 4 at once: wall time for all 4 (3 runs)', stats(wall))}
`
console.log(report)
writeFileSync(new URL('./browser-results.md', import.meta.url), report)
