import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs'
import { StoreFileError } from './durable-json-file.js'

const TAB = 9
const NL = 10

/**
 * The line format of the event file: `seq \t tenant \t id \t created_ms \t type \t {json}\n`.
 * The header lets start-up index events without parsing their JSON.
 */
export function eventLineHeader(seq: number, tenant: string, id: string, createdMs: number, type: string): string {
  return `${seq}\t${tenant}\t${id}\t${createdMs}\t${type}\t`
}

/** One line's header, and where its JSON body is in the file. */
export interface EventLine {
  seq: number
  tenant: string
  id: string
  createdMs: number
  type: string
  /** Byte offset and length of the JSON body. */
  offset: number
  length: number
}

/**
 * Reads the event file from byte `from` in 16 MiB chunks and reports every
 * complete line. Returns the length of the file's valid prefix: a torn last
 * line (a crash mid-append, never acknowledged) is left out; a malformed
 * complete line stops start-up with the byte where it is.
 */
export function scanEventLines(fd: number, file: string, from: number, onLine: (line: EventLine) => void): number {
  const size = fstatSync(fd).size
  const chunk = Buffer.allocUnsafe(Math.min(16 * 1024 * 1024, Math.max(size - from, 1)))
  let carry = Buffer.alloc(0)
  let pos = from
  let valid = from
  while (pos < size) {
    const n = readSync(fd, chunk, 0, chunk.length, pos)
    if (n <= 0) break
    const buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n)
    const bufStart = pos - carry.length
    pos += n
    let start = 0
    for (let nl = buf.indexOf(NL, start); nl >= 0; nl = buf.indexOf(NL, start)) {
      const t1 = buf.indexOf(TAB, start)
      const t2 = buf.indexOf(TAB, t1 + 1)
      const t3 = buf.indexOf(TAB, t2 + 1)
      const t4 = buf.indexOf(TAB, t3 + 1)
      const t5 = buf.indexOf(TAB, t4 + 1)
      if (t1 < 0 || t5 < 0 || t5 > nl)
        throw new StoreFileError(`${file} is corrupt at byte ${bufStart + start}. Move it aside to start without the event history.`)
      onLine({
        seq: Number(buf.toString('latin1', start, t1)),
        tenant: buf.toString('latin1', t1 + 1, t2),
        id: buf.toString('latin1', t2 + 1, t3),
        createdMs: Number(buf.toString('latin1', t3 + 1, t4)),
        type: buf.toString('utf8', t4 + 1, t5),
        offset: bufStart + t5 + 1,
        length: nl - t5 - 1,
      })
      valid = bufStart + nl + 1
      start = nl + 1
    }
    carry = Buffer.from(buf.subarray(start))
  }
  return valid
}

/** One line to write: its header, its JSON body, and who to tell where the body landed. */
export interface LineToWrite {
  header: string
  body: string
  placed(offset: number): void
}

/** Writes `lines` into a new file at `path` and fsyncs it; returns its size. */
export function writeEventLines(path: string, lines: Iterable<LineToWrite>): number {
  const out = openSync(path, 'w')
  let size = 0
  const write = (text: string) => {
    const bytes = Buffer.from(text, 'utf8')
    let done = 0
    while (done < bytes.length) done += writeSync(out, bytes, done, bytes.length - done, size + done)
    size += bytes.length
  }
  try {
    for (const line of lines) {
      write(line.header)
      line.placed(size)
      write(`${line.body}\n`)
    }
    fsyncSync(out)
  } finally {
    closeSync(out)
  }
  return size
}
