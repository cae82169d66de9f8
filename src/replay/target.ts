import { randomBytes } from 'node:crypto'
import { createDeckClient, type DeckClient } from '../client/index.js'
import { createEmulator, type Emulator } from '../emulator.js'

/** Where steps run: an in-process emulator (default) or a running one (`--url`). */
export interface ReplayTarget {
  /** A client on a tenant of its own for one scenario. */
  tenant(label: string): DeckClient
  readonly description: string
  close(): Promise<void>
}

const slug = (label: string) => label.replace(/[^A-Za-z0-9]+/g, '_').slice(0, 40) || 'scenario'

/** A fresh in-memory emulator with the manual clock; every scenario gets its own key (tenant). */
export async function localTarget(): Promise<ReplayTarget> {
  const emulator: Emulator = await createEmulator({ clock: 'manual', storage: { type: 'memory' } })
  let n = 0
  return {
    description: 'in-process emulator',
    tenant: (label) => createDeckClient({ baseUrl: 'http://deck-emulator.local', apiKey: `sk_test_replay_${slug(label)}_${++n}`, fetch: emulator.fetch }),
    close: () => emulator.close(),
  }
}

/**
 * A running emulator. Without `apiKey` each scenario uses a fresh random key
 * (a fresh tenant); with one (a server started with --keys), scenarios run
 * one after the other on that key, each loading its scenario anew.
 */
export function remoteTarget(url: string, apiKey?: string): ReplayTarget {
  return {
    description: url,
    tenant: (label) => createDeckClient({ baseUrl: url, apiKey: apiKey ?? `sk_test_replay_${slug(label)}_${randomBytes(6).toString('hex')}` }),
    close: async () => {},
  }
}
