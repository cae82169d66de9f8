import { deflateSync } from 'node:zlib'

/**
 * A minimal PNG encoder (8-bit RGB, one IDAT): enough for the generated
 * screenshots and `image/png` files to be real images any viewer opens.
 * zlib does the compression; the CRC table is the PNG spec's.
 */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  Buffer.from(data.buffer, data.byteOffset, data.length).copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Encodes `rgb` (width × height × 3 bytes, row-major). */
export function encodePng(width: number, height: number, rgb: Uint8Array, extra: { text?: string } = {}): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: truecolour
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0 // filter: none
    Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(raw, y * (width * 3 + 1) + 1)
  }
  const parts = [PNG_SIGNATURE, chunk('IHDR', header)]
  // A tEXt chunk may pad a file to a requested size (viewers ignore it).
  if (extra.text !== undefined) parts.push(chunk('tEXt', Buffer.from(`Comment\0${extra.text}`, 'latin1')))
  parts.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0)))
  return Buffer.concat(parts)
}

/**
 * A picture of a browser window: grey title bar, an address bar, and
 * content bars whose colours and lengths come from `seed` (so screenshot n
 * of a run always looks the same, and differs from n + 1).
 */
export function browserPicture(seed: number, width = 320, height = 200, comment?: string): Buffer {
  const rgb = new Uint8Array(width * height * 3)
  let s = seed >>> 0 || 1
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const accent = [Math.floor(rand() * 200), Math.floor(rand() * 200), 120 + Math.floor(rand() * 120)]
  const bars = Array.from({ length: 8 }, () => 0.3 + rand() * 0.65)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let c: number[]
      if (y < 18) c = [222, 222, 226]
      else if (y >= 24 && y < 36 && x >= 12 && x < width - 12) c = [250, 250, 250]
      else if (y >= 44 && y < 60) c = accent
      else {
        const row = Math.floor((y - 70) / 14)
        const inBar = y >= 70 && (y - 70) % 14 < 8 && row < bars.length && x >= 16 && x < 16 + bars[row]! * (width - 32)
        c = inBar ? [200, 204, 212] : [255, 255, 255]
      }
      const i = (y * width + x) * 3
      rgb[i] = c[0]!
      rgb[i + 1] = c[1]!
      rgb[i + 2] = c[2]!
    }
  }
  return encodePng(width, height, rgb, comment === undefined ? {} : { text: comment })
}
