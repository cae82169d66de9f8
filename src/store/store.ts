import type { DbData } from './data.js'

/**
 * Storage behind a small interface. The world lives in memory (`data`);
 * `commit()` makes every change made so far durable and resolves only then,
 * so a response is sent after its write is on disk (group commit: many
 * requests share one write).
 */
export interface Store {
  readonly data: DbData
  readonly kind: 'memory' | 'file'
  commit(): Promise<void>
  close(): Promise<void>
}

export class MemoryStore implements Store {
  readonly kind = 'memory'
  constructor(readonly data: DbData) {}
  async commit(): Promise<void> {}
  async close(): Promise<void> {}
}
