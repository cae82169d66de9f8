/**
 * Checks a JSON value against the JSON Schema the emulator derives from its
 * own zod route schemas (z.toJSONSchema, output mode), and says *how* it
 * differs, in the words of a drift report: a required field missing, a field
 * the contract does not know, an enum value it does not list, a wrong type, a
 * string that does not match its pattern. Pure; a small walker over the
 * subset zod emits rather than a general validator, because a validator's
 * errors for unions (`anyOf` of an object and null) name every branch, while
 * a drift report wants the one difference that matters.
 */

export type DriftKind = 'missing_field' | 'unknown_field' | 'enum_value' | 'type' | 'format'

export interface Difference {
  kind: DriftKind
  /** Dotted path; array elements are written `[]` so one difference in every item of a list groups as one. */
  path: string
  message: string
}

export type JsonSchema = boolean | { [key: string]: unknown }

import { REDACTED, isSecretKey, redactJson } from './redact.js'

type Obj = Record<string, unknown>

const typeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value

const typeAllows = (types: string[], actual: string) => types.includes(actual) || (actual === 'integer' && types.includes('number'))

const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key)

export function conformance(schema: JsonSchema, value: unknown): Difference[] {
  const root = typeof schema === 'object' ? schema : {}
  const found = new Map<string, Difference>()
  for (const d of walk(schema, value, '', root)) {
    const key = `${d.kind} ${d.path}`
    if (!found.has(key)) found.set(key, d)
  }
  return [...found.values()]
}

function resolve(schema: JsonSchema, root: Obj): JsonSchema {
  let current = schema
  for (let hops = 0; typeof current === 'object' && typeof current.$ref === 'string' && hops < 20; hops++) {
    const ref = current.$ref as string
    if (!ref.startsWith('#/')) return true
    let target: unknown = root
    for (const part of ref.slice(2).split('/')) target = (target as Obj | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
    current = (target as JsonSchema | undefined) ?? true
  }
  return current
}

/** The types a schema accepts at its top level, or undefined when it does not say. */
function declaredTypes(schema: JsonSchema, root: Obj): string[] | undefined {
  const s = resolve(schema, root)
  if (typeof s !== 'object') return undefined
  if (typeof s.type === 'string') return [s.type]
  if (Array.isArray(s.type)) return s.type as string[]
  if ('const' in s) return [typeOf(s.const)]
  if (Array.isArray(s.enum)) return [...new Set((s.enum as unknown[]).map(typeOf))]
  const options = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined
  if (options) {
    const all = options.map((o) => declaredTypes(o, root))
    return all.some((t) => t === undefined) ? undefined : [...new Set(all.flat() as string[])]
  }
  return undefined
}

function walk(raw: JsonSchema, value: unknown, path: string, root: Obj): Difference[] {
  const schema = resolve(raw, root)
  if (schema === true || typeof schema !== 'object') return schema === false ? [{ kind: 'unknown_field', path, message: 'not allowed here' }] : []
  const actual = typeOf(value)

  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined
  if (options) return union(options, value, path, root)
  if (Array.isArray(schema.allOf)) return (schema.allOf as JsonSchema[]).flatMap((s) => walk(s, value, path, root))

  if ('const' in schema && value !== schema.const) {
    return [
      typeOf(schema.const) === actual
        ? { kind: 'enum_value', path, message: `${show(value)} where the contract has only ${show(schema.const)}` }
        : { kind: 'type', path, message: `expected ${typeOf(schema.const)} ${show(schema.const)}, saw ${actual} ${show(value)}` },
    ]
  }
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(value)) {
    const types = (schema.enum as unknown[]).map(typeOf)
    return [
      typeAllows(types, actual)
        ? { kind: 'enum_value', path, message: `${show(value)} is not one of ${(schema.enum as unknown[]).map(show).join(', ')}` }
        : { kind: 'type', path, message: `expected one of ${(schema.enum as unknown[]).map(show).join(', ')}, saw ${actual} ${show(value)}` },
    ]
  }
  const types = declaredTypes(schema, root)
  if (types && !typeAllows(types, actual)) return [{ kind: 'type', path, message: `expected ${types.join(' or ')}, saw ${actual} ${show(value)}` }]

  if (actual === 'object') return object(schema, value as Obj, path, root)
  if (actual === 'array') {
    const items = schema.items as JsonSchema | undefined
    return items === undefined ? [] : (value as unknown[]).flatMap((item) => walk(items, item, `${path}[]`, root))
  }
  if (actual === 'string' && typeof schema.pattern === 'string' && !pattern(schema.pattern).test(value as string)) {
    return [{ kind: 'format', path, message: `${show(value)} does not match ${schema.pattern}` }]
  }
  return []
}

const patterns = new Map<string, RegExp>()
/** Compiled once per pattern: every response of a list repeats the same ones. */
function pattern(source: string): RegExp {
  let re = patterns.get(source)
  if (!re) patterns.set(source, (re = new RegExp(source, 'u')))
  return re
}

function object(schema: Obj, value: Obj, path: string, root: Obj): Difference[] {
  const out: Difference[] = []
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
  for (const key of (schema.required ?? []) as string[]) {
    if (!(key in value)) out.push({ kind: 'missing_field', path: join(path, key), message: 'required by the contract, absent' })
  }
  const extra = schema.additionalProperties as JsonSchema | undefined
  for (const [key, item] of Object.entries(value)) {
    if (key in properties) out.push(...walk(properties[key]!, item, join(path, key), root))
    else if (extra === false) {
      // The value helps tell a rename from a new field; a secret-named one is never shown.
      const shown = isSecretKey(key) ? REDACTED : redactJson(item)
      out.push({ kind: 'unknown_field', path: join(path, key), message: `not in the contract (value ${show(shown)})` })
    } else if (extra !== undefined) out.push(...walk(extra, item, join(path, key), root))
  }
  return out
}

/**
 * A value matching any option conforms. Otherwise the differences of the
 * closest option whose type fits (an object against `Interaction | null` is
 * judged as an Interaction); scalar options only (`"a" | "b"`) read as an enum.
 */
function union(options: JsonSchema[], value: unknown, path: string, root: Obj): Difference[] {
  const actual = typeOf(value)
  let best: Difference[] | undefined
  for (const option of options) {
    const types = declaredTypes(option, root)
    if (types && !typeAllows(types, actual)) continue
    const differences = walk(option, value, path, root)
    if (differences.length === 0) return []
    if (!best || differences.length < best.length) best = differences
  }
  if (best) return best
  const allowed = [...new Set(options.flatMap((o) => declaredTypes(o, root) ?? []))]
  return [{ kind: 'type', path, message: `expected ${allowed.join(' or ') || 'another shape'}, saw ${actual} ${show(value)}` }]
}
