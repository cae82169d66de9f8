// How createEmulator() turns its options into the parts it wires.
import { requireDuration } from './domain/duration.js'
import type { EmulatorOptions } from './emulator-types.js'
import { API_SETTINGS, isApiSetting, type ApiSetting } from './domain/generation.js'
import type { RateLimit } from './http/middleware/rate-limit.js'
import { emptyDb } from './store/data.js'
import { MemoryStore, type Store } from './store/store.js'

/**
 * The file store (WAL, snapshot, event file) is imported when used: an
 * in-memory, in-process emulator (most test suites) never loads it.
 */
export async function resolveStore(storage: EmulatorOptions['storage']): Promise<Store> {
  if (storage?.type !== 'file') return new MemoryStore(emptyDb())
  const { FileStore } = await import('./store/file-store.js')
  return FileStore.open(storage.path, storage.compactBytes ? { compactBytes: storage.compactBytes } : {})
}

export { resolveScenario, scenarioPathsOf } from './scenario/input.js'

export function resolveRateLimit(option: EmulatorOptions['rateLimit']): RateLimit | undefined {
  if (!option) return undefined
  if (option === true) return { requests: 200, per: 10_000 }
  return { requests: option.requests, per: requireDuration(option.per, 'rateLimit.per') }
}

/**
 * The msw adapter's `onWebhook` (`sendWebhook`) becomes the webhook sender: the
 * signed request goes to the callback instead of the network; a callback that
 * returns nothing counts as a 200.
 */
export function webhookSender(options: EmulatorOptions): { fetch?: typeof fetch } {
  const send = options.sendWebhook
  if (options.webhooks?.fetch || !send) return {}
  return {
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init)
      // The callback may ignore the signal; racing it keeps the receiver timeout and close() in force.
      const answer = Promise.resolve(send(request)).then((response) => response ?? new Response(null, { status: 200 }))
      return init?.signal ? Promise.race([answer, aborted(init.signal)]) : answer
    }) as typeof fetch,
  }
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}

/** The `api` option, checked: a typo must not silently serve both generations. */
export function resolveApi(option: unknown): ApiSetting | undefined {
  if (option === undefined) return undefined
  if (!isApiSetting(option)) throw new TypeError(`createEmulator: \`api\` must be one of ${API_SETTINGS.join(', ')}; got ${JSON.stringify(option)}`)
  return option
}
