import { createRequire } from 'node:module'
import type * as FakerModule from '@faker-js/faker'
import type { Ajv, ValidateFunction, ErrorObject } from 'ajv'
import { DeckError, errors, type ErrorDetail } from './errors.js'
import { sampleSchema } from './schema-sample.js'
import type { JsonSchema } from './task.js'

/**
 * Task `input_schema` / `output_schema` handling with a real validator (ajv +
 * ajv-formats): checking a schema, validating a run's input, and generating
 * an output that provably conforms. The draft follows `$schema` (2020-12,
 * 2019-09, otherwise draft-07). Unknown keywords and formats are tolerated,
 * as Deck users paste schemas written for other tools.
 */
// ajv and faker cost ~250 ms to load: they are loaded on first use (synchronously, so the
// timer handlers that generate outputs stay synchronous), not at emulator start.
const load = createRequire(import.meta.url)
type AjvClass = new (options: object) => Ajv
let loadedValidators: Record<'2020' | '2019' | '07', Ajv> | undefined
function validatorsOf(): Record<'2020' | '2019' | '07', Ajv> {
  if (loadedValidators) return loadedValidators
  const addFormats = (load('ajv-formats') as { default: (ajv: Ajv) => Ajv }).default
  const options = { strict: false, allErrors: true, logger: false as const }
  loadedValidators = {
    '2020': addFormats(new (load('ajv/dist/2020.js') as { Ajv2020: AjvClass }).Ajv2020(options)),
    '2019': addFormats(new (load('ajv/dist/2019.js') as { Ajv2019: AjvClass }).Ajv2019(options)),
    '07': addFormats(new (load('ajv') as { Ajv: AjvClass }).Ajv(options)),
  }
  return loadedValidators
}
let fakerModule: typeof FakerModule | undefined
const fakerOf = () => (fakerModule ??= load('@faker-js/faker') as typeof FakerModule)

const CACHE_LIMIT = 500
const cache = new Map<string, ValidateFunction>()

function ajvFor(schema: JsonSchema): Ajv {
  const dialect = typeof schema.$schema === 'string' ? schema.$schema : ''
  const validators = validatorsOf()
  return dialect.includes('2020-12') ? validators['2020'] : dialect.includes('2019-09') ? validators['2019'] : validators['07']
}

/** Compiles (cached by content); throws ajv's message when the schema is not a valid JSON Schema. */
function compileSchema(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema)
  const hit = cache.get(key)
  if (hit) return hit
  // A root `$id` would make ajv refuse a second, different schema with the same id.
  const { $id: _id, ...body } = schema
  const ajv = ajvFor(schema)
  const validate = ajv.compile(body)
  if (cache.size >= CACHE_LIMIT) {
    const [oldKey, old] = cache.entries().next().value as [string, ValidateFunction]
    cache.delete(oldKey)
    ajv.removeSchema(old.schema as object)
  }
  cache.set(key, validate)
  return validate
}

/** 400 `input_invalid` naming `field` unless `schema` is a usable JSON Schema object. */
export function checkSchema(schema: unknown, field: string): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) throw errors.inputInvalid(`\`${field}\` must be a JSON Schema object.`, field)
  try {
    compileSchema(schema as JsonSchema)
  } catch (error) {
    throw errors.inputInvalid(`\`${field}\` is not a valid JSON Schema: ${(error as Error).message}`, field)
  }
}

/** `/items/0/sku` + missing `qty` → `input.items.0.sku.qty`: the contract's dotted field names. */
function fieldOf(prefix: string, error: ErrorObject): string {
  const parts = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  const params = error.params as Record<string, unknown>
  const extra = params.missingProperty ?? params.additionalProperty ?? params.propertyName
  if (typeof extra === 'string') parts.push(extra)
  return [prefix, ...parts].join('.')
}

/** Every way `value` misses `schema`, as Deck error details (empty when it conforms). */
function schemaErrors(schema: JsonSchema, value: unknown, prefix: string): ErrorDetail[] {
  const validate = compileSchema(schema)
  if (validate(value)) return []
  const seen = new Set<string>()
  const details: ErrorDetail[] = []
  for (const error of validate.errors ?? []) {
    const field = fieldOf(prefix, error)
    const message = error.keyword === 'required' ? `\`${field}\` is required.` : `\`${field}\` ${error.message ?? 'is invalid'}.`
    if (seen.has(message)) continue
    seen.add(message)
    details.push({ type: 'request', code: 'input_invalid', message, field })
  }
  return details.slice(0, 10)
}

/** A run's input against the task's `input_schema` (400 `input_invalid`, `field: "input.<path>"`). */
export function validateInput(schema: JsonSchema | null, input: Record<string, unknown>): void {
  if (!schema) return
  const details = schemaErrors(schema, input, 'input')
  if (details.length) throw new DeckError(400, details)
}

const ATTEMPTS = 25

/**
 * An output that validates against `schema`, deterministic for a seed. The
 * sampler is right almost always; the retries (same faker stream, so still
 * deterministic) absorb keyword combinations it does not model, such as
 * overlapping `oneOf` branches.
 */
export function generateOutput(schema: JsonSchema | null, seed: number, refDate: number): unknown {
  if (!schema) return {}
  const { Faker, base, en } = fakerOf()
  const faker = new Faker({ locale: [en, base] })
  faker.seed(seed)
  faker.setDefaultRefDate(refDate)
  const validate = compileSchema(schema)
  let lastError = ''
  for (let i = 0; i < ATTEMPTS; i++) {
    try {
      const value = sampleSchema(schema, faker)
      if (validate(value)) return value
      lastError = validate.errors?.[0]?.message ?? 'invalid'
    } catch (error) {
      lastError = (error as Error).message
    }
  }
  throw new OutputGenerationError(lastError)
}

export class OutputGenerationError extends Error {
  override name = 'OutputGenerationError'
}
