import type { Rng } from '../../domain/random.js'
import { makePdf } from './pdf.js'
import { browserPicture } from './png.js'

/**
 * Real files of a given MIME type, from the tenant's seeded RNG (same seed,
 * same bytes): a PDF that parses, CSV rows, a JSON document, a PNG that
 * opens, text lines; other types get seeded bytes. `size` is a target: the
 * result is at least that big (a few bytes over for PDF and PNG framing).
 */
export function generateFile(type: string, size: number, rng: Rng, name: string): Buffer {
  const base = type.split(';')[0]!.trim().toLowerCase()
  const rows = (n: number, make: (i: number) => string) => {
    const out: string[] = []
    let length = 0
    for (let i = 0; length < n || out.length === 0; i++) {
      const line = make(i)
      out.push(line)
      length += line.length + 1
    }
    return out
  }
  const amount = () => (rng.int(1_000_000) / 100).toFixed(2)
  const day = (i: number) => `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`
  switch (base) {
    case 'application/pdf': {
      const lines = rows(Math.min(size, 2000), (i) => `${day(i)}  Transaction ${i + 1}  ${amount()}`)
      return makePdf(`Statement - ${name}`, lines, size)
    }
    case 'text/csv': {
      const header = 'date,description,amount'
      const body = rows(Math.max(0, size - header.length - 1), (i) => `${day(i)},Transaction ${i + 1},${amount()}`)
      return Buffer.from(`${[header, ...body].join('\n')}\n`)
    }
    case 'application/json': {
      const items: string[] = []
      let length = 40
      for (let i = 0; length < size || items.length === 0; i++) {
        const item = JSON.stringify({ id: i + 1, date: day(i), description: `Transaction ${i + 1}`, amount: Number(amount()) })
        items.push(item)
        length += item.length + 1
      }
      return Buffer.from(`{"file":${JSON.stringify(name)},"items":[${items.join(',')}]}`)
    }
    case 'image/png': {
      const seed = rng.int(2 ** 31)
      const picture = browserPicture(seed)
      if (picture.length >= size) return picture
      // Pad with a text chunk (seeded digits): still a valid PNG, of the size asked for.
      const pad = Math.max(0, size - picture.length - 20)
      let text = ''
      while (text.length < pad) text += String(rng.int(10))
      return browserPicture(seed, 320, 200, text)
    }
    default:
      if (base.startsWith('text/')) return Buffer.from(`${rows(size, (i) => `Line ${i + 1} of ${name}: ${amount()}`).join('\n')}\n`)
      return seededBytes(rng.int(2 ** 31), size)
  }
}

/** Seeded bytes, four at a time (xorshift32): a 1 MB file costs one RNG draw, not a million. */
function seededBytes(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size)
  let x = seed | 1
  let i = 0
  for (; i + 4 <= size; i += 4) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out.writeInt32LE(x | 0, i)
  }
  for (; i < size; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}
