import { setImmediate as yieldToLoop } from 'node:timers/promises'
import type { DbData } from './data.js'

/** Serialised bytes between two yields: small enough that requests keep flowing during a compaction. */
const SLICE = 512 * 1024

/**
 * The snapshot as a stream of JSON pieces, record by record, yielding to the
 * event loop between slices. The result is "fuzzy": a record changed while
 * the snapshot is written may appear with its older or newer value. That is
 * safe because the WAL started before the snapshot is replayed over it, and
 * WAL lines carry whole current values (last write wins).
 */
export async function* snapshotChunks(db: DbData, { yieldEvery = SLICE } = {}): AsyncGenerator<string> {
  let since = 0
  const emit = async function* (piece: string) {
    since += piece.length
    yield piece
    if (since >= yieldEvery) {
      since = 0
      await yieldToLoop()
    }
  }
  yield `{"version":${JSON.stringify(db.version)},"tenants":{`
  let firstTenant = true
  for (const key of Object.keys(db.tenants)) {
    const tenant = db.tenants[key] as unknown as Record<string, unknown> | undefined
    if (!tenant) continue // replaced or gone while we were writing
    yield `${firstTenant ? '' : ','}${JSON.stringify(key)}:{`
    firstTenant = false
    let firstField = true
    for (const field of Object.keys(tenant)) {
      const value = tenant[field]
      if (value === undefined) continue
      yield `${firstField ? '' : ','}${JSON.stringify(field)}:`
      firstField = false
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const record = value as Record<string, unknown>
        yield '{'
        let firstRecord = true
        for (const id of Object.keys(record)) {
          const item = record[id]
          if (item === undefined) continue
          yield* emit(`${firstRecord ? '' : ','}${JSON.stringify(id)}:${JSON.stringify(item)}`)
          firstRecord = false
        }
        yield '}'
      } else {
        yield* emit(JSON.stringify(value))
      }
    }
    yield '}'
  }
  yield '}}'
}
