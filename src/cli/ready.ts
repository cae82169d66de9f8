import { rename, rm, writeFile } from 'node:fs/promises'

/**
 * What a started emulator says about itself, once: printed as the first
 * stdout line with `--log-format json` and written to `--ready-file`, so any
 * language can read the base URL of `--port 0` without a regex. Webhook
 * secrets are here on purpose, as in the pretty banner: the receiver needs them.
 */
export interface ReadyInfo {
  event: 'listening'
  version: string
  pid: number
  url: string
  base_url: string
  host: string
  port: number
  api_key: string
  /** What new tenants serve: both generations, or the one `--api` pinned. */
  api: 'both' | 'connections' | 'credentials'
  storage: { type: 'memory' } | { type: 'file'; path: string }
  scenario: { name: string; files: string[]; sources: string[] } | null
  browser_login: { available: boolean; detail: string }
  webhooks: { url: string; events: string[]; secret: string }[]
  dashboard: string
  watching: boolean
}

/** Written through a temp file and a rename, so a reader never sees half of it. */
export async function writeReadyFile(path: string, info: ReadyInfo): Promise<() => Promise<void>> {
  const partial = `${path}.${process.pid}.partial`
  await writeFile(partial, `${JSON.stringify(info)}\n`)
  await rename(partial, path)
  // Removed on a clean stop, so a stale file never announces a dead emulator.
  return () => rm(path, { force: true })
}
