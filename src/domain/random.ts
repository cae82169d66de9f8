/**
 * Seeded pseudo-random numbers (sfc32). The state is four uint32s and is plain
 * data, so it is persisted with the tenant and a restart continues the same
 * sequence: the same seed and the same requests give the same IDs.
 */
export type RngState = [number, number, number, number]

export function seedRng(seed: number | string): RngState {
  // xmur3 string hash → four seeds, as recommended for sfc32.
  const str = String(seed)
  let h = 1779033703 ^ str.length
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353)
    h = (h << 13) | (h >>> 19)
  }
  const next = () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507)
    h = Math.imul(h ^ (h >>> 13), 3266489909)
    return (h ^= h >>> 16) >>> 0
  }
  const state: RngState = [next(), next(), next(), next()]
  return state
}

export class Rng {
  constructor(public state: RngState) {}

  /** A float in [0, 1). Mutates the state in place. */
  next(): number {
    // Indexed rather than destructured: this runs 16 times per id, and ids are made on every request.
    const s = this.state
    const a = s[0] >>> 0
    const b = s[1] >>> 0
    const c = s[2] >>> 0
    const d = s[3] >>> 0
    const t = (((a + b) | 0) + d) | 0
    s[0] = (b ^ (b >>> 9)) >>> 0
    s[1] = (c + (c << 3)) >>> 0
    s[2] = (((c << 21) | (c >>> 11)) + t) >>> 0
    s[3] = (d + 1) >>> 0
    return (t >>> 0) / 4294967296
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive)
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) out[i] = this.int(256)
    return out
  }
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

export function randomBase62(rng: Rng, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += BASE62[rng.int(62)]
  return out
}
