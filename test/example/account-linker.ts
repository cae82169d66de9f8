/**
 * A small sample integrator module, as an app using Deck would write it: it
 * knows nothing about the emulator and calls https://api.deck.co/v2 with the
 * global fetch. test/msw.test.ts tests it through msw.
 */
export interface LinkerOptions {
  apiKey: string
  baseUrl?: string
  /** Retries on 429 and 5xx. @default 3 */
  retries?: number
  /** Injected so tests need not wait for real backoff. */
  sleep?: (ms: number) => Promise<void>
}

export type LinkResult =
  | { state: 'linked'; connectionId: string }
  | { state: 'needs_input'; connectionId: string; prompt: string; field: string }
  | { state: 'pending'; connectionId: string }
  | { state: 'failed'; connectionId: string; reason: string }

export class DeckError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`Deck answered ${status} ${code}`)
  }
}

export function createAccountLinker(options: LinkerOptions) {
  const base = options.baseUrl ?? 'https://api.deck.co/v2'
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))

  async function call(method: string, path: string, body?: unknown): Promise<any> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
      const json = await res.json()
      if (res.ok) return json
      const retryable = res.status === 429 || res.status >= 500
      if (!retryable || attempt >= (options.retries ?? 3)) throw new DeckError(res.status, json.errors?.[0]?.code ?? 'unknown')
      await sleep(Number(res.headers.get('retry-after') ?? 0) * 1000 || 100 * 2 ** attempt)
    }
  }

  function toResult(connection: any): LinkResult {
    const connectionId = connection.id
    switch (connection.status) {
      case 'connected':
        return { state: 'linked', connectionId }
      case 'interaction_required':
        return { state: 'needs_input', connectionId, prompt: connection.interaction.message, field: connection.interaction.fields[0].name }
      case 'connecting':
        return { state: 'pending', connectionId }
      default:
        return { state: 'failed', connectionId, reason: connection.errors?.[0]?.code ?? connection.status }
    }
  }

  return {
    /** Starts a link; Deck answers `connecting`, so look again once. */
    async link(sourceId: string, username: string, password: string): Promise<LinkResult> {
      const created = await call('POST', '/connections', { source_id: sourceId, auth_method: 'username_password', auth_credentials: { username, password } })
      return toResult(await call('GET', `/connections/${created.id}`))
    },
    async answer(connectionId: string, field: string, value: string): Promise<LinkResult> {
      await call('POST', `/connections/${connectionId}/interaction`, { inputs: { [field]: value } })
      return toResult(await call('GET', `/connections/${connectionId}`))
    },
    async check(connectionId: string): Promise<LinkResult> {
      return toResult(await call('GET', `/connections/${connectionId}`))
    },
    async relink(connectionId: string): Promise<LinkResult> {
      await call('POST', `/connections/${connectionId}/reopen`)
      return toResult(await call('GET', `/connections/${connectionId}`))
    },
  }
}
