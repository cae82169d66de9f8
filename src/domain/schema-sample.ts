import type { Faker } from '@faker-js/faker'
import { sampleRegex } from './regex-sample.js'

/**
 * Fake data that conforms to a JSON Schema, drawn from a seeded faker (the
 * caller seeds it from the tenant RNG and sets its reference date to the
 * tenant clock, so the same seed gives the same output). Covers type, object
 * (properties, required), array (items, prefixItems, min/maxItems,
 * uniqueItems), enum, const, string formats, min/maxLength, simple patterns,
 * number/integer bounds and multipleOf, boolean, null, `nullable`, oneOf,
 * anyOf, allOf and local `$ref`s. The caller validates the result with ajv
 * and retries, which covers the rare draw a keyword combination rejects.
 */
type Schema = Record<string, unknown>

const MAX_DEPTH = 12
const asSchema = (v: unknown): Schema => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : {})
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

export function sampleSchema(schema: unknown, faker: Faker): unknown {
  return new Sampler(asSchema(schema), faker).value(schema, '', 0)
}

class Sampler {
  constructor(
    private readonly root: Schema,
    private readonly faker: Faker,
  ) {}

  value(raw: unknown, name: string, depth: number): unknown {
    if (raw === true || raw === undefined) return this.faker.lorem.word()
    if (raw === false) throw new Error('no value satisfies the schema `false`')
    const schema = this.flatten(asSchema(raw), depth)
    if ('const' in schema) return schema.const
    if (Array.isArray(schema.enum) && schema.enum.length) return this.faker.helpers.arrayElement(schema.enum)
    if (schema.nullable === true && this.chance(0.2)) return null
    switch (this.typeOf(schema)) {
      case 'null':
        return null
      case 'boolean':
        return this.faker.datatype.boolean()
      case 'integer':
        return this.number(schema, true)
      case 'number':
        return this.number(schema, false)
      case 'array':
        return this.array(schema, name, depth)
      case 'object':
        return this.object(schema, depth)
      default:
        return this.string(schema, name)
    }
  }

  /** Resolves `$ref`, merges `allOf` and picks one `oneOf`/`anyOf` branch into a single schema. */
  private flatten(schema: Schema, depth: number): Schema {
    if (depth > MAX_DEPTH * 2) throw new Error('schema nesting too deep (recursive $ref?)')
    let out: Schema = { ...schema }
    if (typeof out.$ref === 'string') {
      const { $ref, ...rest } = out
      out = merge(this.flatten(this.resolve($ref as string), depth + 1), rest)
    }
    if (Array.isArray(out.allOf)) {
      const { allOf, ...rest } = out
      out = (allOf as unknown[]).reduce<Schema>((acc, part) => merge(acc, this.flatten(asSchema(part), depth + 1)), rest)
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      if (Array.isArray(out[key]) && (out[key] as unknown[]).length) {
        const { [key]: branches, ...rest } = out
        out = merge(rest, this.flatten(asSchema(this.faker.helpers.arrayElement(branches as unknown[])), depth + 1))
      }
    }
    return out
  }

  private resolve(ref: string): Schema {
    if (!ref.startsWith('#')) throw new Error(`only local $refs are supported, got ${ref}`)
    let node: unknown = this.root
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      node = asSchema(node)[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')]
    }
    if (node === undefined) throw new Error(`$ref ${ref} points nowhere`)
    return asSchema(node)
  }

  private typeOf(schema: Schema): string {
    const type = schema.type
    if (Array.isArray(type) && type.length) {
      const nonNull = type.filter((t) => t !== 'null')
      return nonNull.length && (nonNull.length === type.length || !this.chance(0.2)) ? String(this.faker.helpers.arrayElement(nonNull)) : 'null'
    }
    if (typeof type === 'string') return type
    if (schema.properties || schema.required) return 'object'
    if (schema.items || schema.prefixItems) return 'array'
    if (num(schema.minimum) !== undefined || num(schema.maximum) !== undefined || num(schema.multipleOf) !== undefined) return 'number'
    return 'string'
  }

  private chance(p: number): boolean {
    return this.faker.number.float({ min: 0, max: 1 }) < p
  }

  private int(min: number, max: number): number {
    return max <= min ? min : this.faker.number.int({ min, max })
  }

  private number(schema: Schema, integer: boolean): number {
    const step = num(schema.multipleOf) ?? (integer ? 1 : 0.01)
    const exMin = num(schema.exclusiveMinimum)
    const exMax = num(schema.exclusiveMaximum)
    let min = num(schema.minimum) ?? (exMin !== undefined ? exMin + step : undefined)
    let max = num(schema.maximum) ?? (exMax !== undefined ? exMax - step : undefined)
    if (min === undefined) min = max !== undefined ? max - 1000 : 0
    if (max === undefined) max = min + 1000
    // Draw a whole number of steps inside [min, max]: multiples stay exact.
    const lo = Math.ceil(min / step)
    const hi = Math.floor(max / step)
    const k = this.int(lo, Math.max(lo, hi))
    const value = k * step
    return integer ? Math.round(value) : Number(value.toFixed(decimals(step)))
  }

  private array(schema: Schema, name: string, depth: number): unknown[] {
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as unknown[]) : Array.isArray(schema.items) ? (schema.items as unknown[]) : []
    const items = Array.isArray(schema.items) ? schema.additionalItems : schema.items
    const min = Math.max(num(schema.minItems) ?? (depth > MAX_DEPTH ? 0 : 1), 0)
    const max = Math.max(num(schema.maxItems) ?? (depth > MAX_DEPTH ? min : min + 3), min)
    const count = this.int(min, max)
    const out: unknown[] = []
    const seen = new Set<string>()
    for (let attempt = 0; out.length < count && attempt < count * 10 + 10; attempt++) {
      const i = out.length
      const value = this.value(i < prefix.length ? prefix[i] : items, singular(name), depth + 1)
      if (schema.uniqueItems === true) {
        const key = JSON.stringify(value)
        if (seen.has(key)) continue
        seen.add(key)
      }
      out.push(value)
    }
    return out
  }

  private object(schema: Schema, depth: number): Record<string, unknown> {
    const properties = asSchema(schema.properties)
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : [])
    const out: Record<string, unknown> = {}
    // Optional properties show up often, less so deep down, never past the depth cap.
    const optional = depth > MAX_DEPTH ? 0 : 0.8 - depth * 0.1
    for (const [key, sub] of Object.entries(properties)) {
      if (required.has(key) || this.chance(optional)) setOwn(out, key, this.value(sub, key, depth + 1))
    }
    for (const key of required) if (!Object.hasOwn(out, key)) setOwn(out, key, this.faker.lorem.word())
    return out
  }

  private string(schema: Schema, name: string): string {
    const f = this.faker
    if (typeof schema.format === 'string' && FORMATS[schema.format]) return FORMATS[schema.format]!(f)
    if (typeof schema.pattern === 'string') return sampleRegex(schema.pattern, (n) => f.number.int({ min: 0, max: n - 1 }))
    const minLength = num(schema.minLength) ?? 0
    const maxLength = num(schema.maxLength) ?? Math.max(minLength, 64)
    let text = (HINTS.find(([re]) => re.test(name))?.[1] ?? ((g: Faker) => g.lorem.words({ min: 1, max: 3 })))(f)
    if (text.length > maxLength) text = text.slice(0, maxLength).trimEnd()
    if (text.length < minLength) text += f.string.alpha({ length: minLength - text.length })
    return text.slice(0, maxLength)
  }
}

const FORMATS: Record<string, (f: Faker) => string> = {
  'date-time': (f) => f.date.recent({ days: 30 }).toISOString(),
  date: (f) => f.date.recent({ days: 365 }).toISOString().slice(0, 10),
  time: (f) => `${f.date.recent().toISOString().slice(11, 19)}Z`,
  email: (f) => f.internet.email({ allowSpecialCharacters: false }).toLowerCase(),
  'idn-email': (f) => f.internet.email({ allowSpecialCharacters: false }).toLowerCase(),
  uri: (f) => f.internet.url(),
  url: (f) => f.internet.url(),
  iri: (f) => f.internet.url(),
  'uri-reference': (f) => f.internet.url(),
  uuid: (f) => f.string.uuid(),
  hostname: (f) => f.internet.domainName(),
  'idn-hostname': (f) => f.internet.domainName(),
  ipv4: (f) => f.internet.ipv4(),
  ipv6: (f) => f.internet.ipv6(),
  duration: (f) => `P${f.number.int({ min: 1, max: 30 })}D`,
  byte: (f) => f.string.alphanumeric(8),
}

/** Property names that deserve realistic strings rather than lorem words. */
const HINTS: [RegExp, (f: Faker) => string][] = [
  [/^(full_?)?name$|customer|holder/i, (f) => f.person.fullName()],
  [/first_?name/i, (f) => f.person.firstName()],
  [/last_?name/i, (f) => f.person.lastName()],
  [/company|merchant|vendor|store/i, (f) => f.company.name()],
  [/city/i, (f) => f.location.city()],
  [/country/i, (f) => f.location.country()],
  [/street|address/i, (f) => f.location.streetAddress()],
  [/zip|postal/i, (f) => f.location.zipCode()],
  [/phone/i, (f) => f.phone.number()],
  [/currency/i, (f) => f.finance.currencyCode()],
  [/description|summary|note|comment/i, (f) => f.lorem.sentence()],
  [/title|product|item/i, (f) => f.commerce.productName()],
  [/(^|_)id$|number|reference|sku/i, (f) => f.string.alphanumeric({ length: 10, casing: 'upper' })],
]

function merge(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a, ...b }
  if (a.properties || b.properties) out.properties = { ...asSchema(a.properties), ...asSchema(b.properties) }
  if (a.required || b.required) out.required = [...new Set([...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])])]
  return out
}

function decimals(step: number): number {
  const text = String(step)
  return text.includes('e-') ? Number(text.split('e-')[1]) : (text.split('.')[1]?.length ?? 0)
}

function singular(name: string): string {
  return name.replace(/ies$/, 'y').replace(/s$/, '')
}

/** Defines an own property even for names like `__proto__`, which plain assignment would not. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}
