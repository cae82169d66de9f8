import { inflateSync } from 'node:zlib'

/** Checks a PNG the way a viewer would: signature, IHDR, and an IDAT that inflates to width × height rows. */
export function pngInfo(bytes: Buffer): { width: number; height: number } {
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('no PNG signature')
  let offset = 8
  let width = 0
  let height = 0
  let colour = 0
  const idat: Buffer[] = []
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.subarray(offset + 4, offset + 8).toString('latin1')
    const data = bytes.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = data.readUInt32BE(0)
      height = data.readUInt32BE(4)
      colour = data[9]!
    }
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
    if (type === 'IEND') break
  }
  const channels = colour === 6 ? 4 : colour === 2 ? 3 : colour === 0 ? 1 : 0
  const raw = inflateSync(Buffer.concat(idat))
  if (!channels || raw.length !== (width * channels + 1) * height) throw new Error(`IDAT does not match ${width}x${height}`)
  return { width, height }
}

/** Parses a PDF's trailer: `startxref` points at the xref table, whose entries point at `N 0 obj`. */
export function pdfObjects(bytes: Buffer): number {
  const text = bytes.toString('latin1')
  if (!text.startsWith('%PDF-')) throw new Error('no %PDF- header')
  if (!text.trimEnd().endsWith('%%EOF')) throw new Error('no %%EOF')
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1])
  if (!text.startsWith('xref', startxref)) throw new Error('startxref does not point at the xref table')
  const table = /^xref\s+0 (\d+)\s+/.exec(text.slice(startxref))!
  const count = Number(table[1])
  const entries = text
    .slice(startxref + table[0].length)
    .split('\n')
    .slice(0, count)
  entries.slice(1).forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10))
    if (!text.startsWith(`${i + 1} 0 obj`, offset)) throw new Error(`xref entry ${i + 1} is off`)
  })
  if (!/trailer\s*<<[^>]*\/Root 1 0 R/.test(text)) throw new Error('no trailer with /Root')
  return count - 1
}

export const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer())
