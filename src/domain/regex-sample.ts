/**
 * Generates a string matching a JSON Schema `pattern`, for the output
 * generator. Covers what output schemas use in practice: literals, escapes
 * (\d \w \s and escaped symbols), `.`, classes with ranges and negation,
 * groups with alternation, and the quantifiers ? * + {n} {n,} {n,m}.
 * Backreferences and lookarounds are not supported (the caller re-checks).
 */
export type Pick = (maxExclusive: number) => number

type Node = { t: 'chars'; set: string } | { t: 'alt'; options: Node[][] } | { t: 'repeat'; node: Node; min: number; max: number }

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).join('')
const DIGITS = range(48, 57)
const WORD = `${range(65, 90)}${range(97, 122)}${DIGITS}_`
const PRINTABLE = range(32, 126)
const CLASS_ESCAPES: Record<string, string> = { d: DIGITS, w: WORD, s: ' ' }
const complement = (set: string) => [...PRINTABLE].filter((c) => !set.includes(c)).join('')
/** How far open-ended quantifiers (* + {n,}) go. */
const OPEN_EXTRA = 3

class Parser {
  private i = 0
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation()
    if (this.i < this.src.length) throw new Error(`unsupported pattern near "${this.src.slice(this.i)}"`)
    return node
  }

  private alternation(): Node {
    const options: Node[][] = [this.sequence()]
    while (this.src[this.i] === '|') {
      this.i++
      options.push(this.sequence())
    }
    return { t: 'alt', options }
  }

  private sequence(): Node[] {
    const nodes: Node[] = []
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom()
      if (atom) nodes.push(this.quantified(atom))
    }
    return nodes
  }

  private atom(): Node | undefined {
    const c = this.src[this.i++]!
    if (c === '^' || c === '$') return undefined
    if (c === '.') return { t: 'chars', set: WORD }
    if (c === '[') return this.charClass()
    if (c === '\\') return { t: 'chars', set: this.escape() }
    if (c === '(') {
      if (this.src.startsWith('?:', this.i)) this.i += 2
      else if (this.src[this.i] === '?') throw new Error('lookarounds and named groups are not supported')
      const inner = this.alternation()
      if (this.src[this.i++] !== ')') throw new Error('unclosed group')
      return inner
    }
    return { t: 'chars', set: c }
  }

  private escape(): string {
    const c = this.src[this.i++]
    if (c === undefined) throw new Error('dangling backslash')
    if (CLASS_ESCAPES[c]) return CLASS_ESCAPES[c]
    if ('DWS'.includes(c)) return complement(CLASS_ESCAPES[c.toLowerCase()]!)
    if (/[0-9]/.test(c)) throw new Error('backreferences are not supported')
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[c] ?? c
  }

  private charClass(): Node {
    const negate = this.src[this.i] === '^'
    if (negate) this.i++
    let set = ''
    let first = true
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false
      let from = this.src[this.i++]!
      if (from === '\\') {
        const esc = this.escape()
        if (esc.length > 1) {
          set += esc
          continue
        }
        from = esc
      }
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++
        let to = this.src[this.i++]!
        if (to === '\\') to = this.escape()
        set += range(from.charCodeAt(0), to.charCodeAt(0))
      } else set += from
    }
    if (this.src[this.i++] !== ']') throw new Error('unclosed character class')
    return { t: 'chars', set: negate ? complement(set) : set }
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i]
    let min: number, max: number
    if (c === '?') [min, max] = [0, 1]
    else if (c === '*') [min, max] = [0, OPEN_EXTRA]
    else if (c === '+') [min, max] = [1, 1 + OPEN_EXTRA]
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i))
      if (!m) return node
      min = Number(m[1])
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : min + OPEN_EXTRA
      this.i += m[0].length - 1
    } else return node
    this.i++
    if (this.src[this.i] === '?') this.i++ // lazy: same strings
    return { t: 'repeat', node, min, max }
  }
}

function emit(node: Node, pick: Pick): string {
  switch (node.t) {
    case 'chars':
      return node.set.length ? node.set[pick(node.set.length)]! : ''
    case 'alt':
      return node.options[pick(node.options.length)]!.map((n) => emit(n, pick)).join('')
    case 'repeat': {
      const count = node.min + pick(node.max - node.min + 1)
      let out = ''
      for (let k = 0; k < count; k++) out += emit(node.node, pick)
      return out
    }
  }
}

/** A string matching `pattern` (throws on syntax this sampler does not cover). */
export function sampleRegex(pattern: string, pick: Pick): string {
  return emit(new Parser(pattern).parse(), pick)
}
