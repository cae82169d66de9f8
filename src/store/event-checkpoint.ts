import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import type { IndexArrays } from './event-index.js'

/**
 * A cache of the events index (`db.json.events.idx`), written at clean close
 * and now and then at compaction, so a restart reads ~35 bytes an event
 * instead of scanning every event line; only the part of the events file
 * written after the checkpoint is scanned. Any doubt → ignored (full scan).
 */
export interface Checkpoint {
  covered: number
  seq: number
  types: string[]
  tenants: { key: string; arrays: IndexArrays }[]
}

const FIELDS = [
  ['seq', Float64Array],
  ['off', Float64Array],
  ['len', Uint32Array],
  ['created', Float64Array],
  ['type', Uint16Array],
  ['hashes', Int32Array],
] as const

export function writeCheckpoint(file: string, cp: Checkpoint): void {
  const header = { v: 1, covered: cp.covered, seq: cp.seq, types: cp.types, tenants: cp.tenants.map((t) => ({ key: t.key, count: t.arrays.off.length })) }
  const tmp = `${file}.tmp`
  const fd = openSync(tmp, 'w')
  try {
    const put = (buf: Uint8Array) => {
      let done = 0
      while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done)
    }
    put(Buffer.from(`${JSON.stringify(header)}\n`))
    for (const t of cp.tenants) for (const [name] of FIELDS) put(new Uint8Array(t.arrays[name].buffer, t.arrays[name].byteOffset, t.arrays[name].byteLength))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, file)
}

export function readCheckpoint(file: string, eventsSize: number, byteAt: (pos: number) => number): Checkpoint | undefined {
  if (!existsSync(file)) return undefined
  try {
    const buf = readFileSync(file)
    const nl = buf.indexOf(10)
    const header = JSON.parse(buf.toString('utf8', 0, nl)) as {
      v: number
      covered: number
      seq: number
      types: string[]
      tenants: { key: string; count: number }[]
    }
    if (header.v !== 1 || header.covered > eventsSize || (header.covered > 0 && byteAt(header.covered - 1) !== 10)) return undefined
    let pos = nl + 1
    const tenants = header.tenants.map(({ key, count }) => {
      const arrays = {} as Record<string, unknown>
      for (const [name, Type] of FIELDS) {
        const bytes = count * Type.BYTES_PER_ELEMENT
        if (pos + bytes > buf.length) throw new Error('short checkpoint')
        const copy = new Uint8Array(bytes)
        copy.set(buf.subarray(pos, pos + bytes))
        arrays[name] = new Type(copy.buffer)
        pos += bytes
      }
      return { key, arrays: arrays as unknown as IndexArrays }
    })
    if (pos !== buf.length) return undefined
    return { covered: header.covered, seq: header.seq, types: header.types, tenants }
  } catch {
    return undefined
  }
}

export function dropCheckpoint(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // none
  }
}
