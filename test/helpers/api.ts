import { createEmulator, type Emulator, type EmulatorOptions } from '../../src/index.js'

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

let keyCounter = 0
/** A fresh API key: each key is its own isolated tenant, so tests never share state. */
export const freshKey = (label = 'test') => `sk_test_${label}_${process.pid}_${++keyCounter}`

/** A small JSON client over any fetch (the emulator's in-process fetch or a real server). */
export function api(fetcher: (input: string, init?: RequestInit) => Promise<Response>, key: string) {
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> => {
    const res = await fetcher(path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers }
  }
  return {
    key,
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    patch: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PATCH', path, body, headers),
    put: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('PUT', path, body, headers),
    delete: <T = any>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, undefined, headers),
    call,
  }
}

export type Api = ReturnType<typeof api>

/** An in-memory emulator plus a client on a fresh tenant with a manual clock. */
export async function setup(options: EmulatorOptions = {}) {
  const emulator: Emulator = await createEmulator({ clock: 'manual', ...options })
  const key = freshKey()
  const client = api((input, init) => emulator.fetch(input, init), key)
  return {
    emulator,
    client,
    key,
    advance: (by: string) => emulator.clock.advance(by, key),
    async source(name = 'Test Source') {
      const res = await client.post('/v2/sources', { type: 'website', name, website: { url: 'https://source.example.com' } })
      return res.body.id as string
    },
    async connect(sourceId: string, username: string, password = 'pw', extra: Record<string, unknown> = {}) {
      const res = await client.post('/v2/connections', {
        source_id: sourceId,
        auth_method: 'username_password',
        auth_credentials: { username, password },
        ...extra,
      })
      if (res.status !== 201) throw new Error(`create failed: ${JSON.stringify(res.body)}`)
      return res.body.id as string
    },
    async status(connectionId: string) {
      return (await client.get(`/v2/connections/${connectionId}`)).body.status as string
    },
  }
}
