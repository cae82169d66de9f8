import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../..')
export const TMP = resolve(ROOT, 'bench/tmp')
export const NODE = process.execPath
export const CLI = resolve(ROOT, 'dist/deck-emulator.js') // the bundled bin, as `npx deck-emulator` runs it
export const BARE = resolve(ROOT, 'bench/targets/bare-hono.mjs')

export const auth = (key) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' })
export const connectionBody = (source_id, username = 'user_good') =>
  JSON.stringify({ source_id, auth_method: 'username_password', auth_credentials: { username, password: 'pw' } })

export async function call(base, path, key, { method = 'GET', body } = {}) {
  const res = await fetch(base + path, { method, headers: auth(key), ...(body ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) })
  const json = await res.json()
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`)
  return json
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** A result row: `ratio` = value / baseline; `better` says which direction wins. */
export function row(phase, figure, { value, unit, baseline, baselineLabel, target, pass, better = 'higher', note, ratio }) {
  const r = ratio ?? (baseline ? value / baseline : undefined)
  return { phase, figure, value, unit, baseline, baselineLabel, ratio: r, target, pass, better, note }
}
