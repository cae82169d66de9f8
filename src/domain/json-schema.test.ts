import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { conforms, ORDERS_OUTPUT_SCHEMA, SEARCH_INPUT_SCHEMA } from '../../test/helpers/tasks.js'
import { checkSchema, generateOutput, validateInput } from './json-schema.js'

const REF = Date.parse('2026-01-01T00:00:00.000Z')

describe('generateOutput', () => {
  it('conforms to a non-trivial output_schema for many seeds (independent validator)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        expect(conforms(ORDERS_OUTPUT_SCHEMA, generateOutput(ORDERS_OUTPUT_SCHEMA, seed, REF))).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('is deterministic for a seed and varies across seeds', () => {
    expect(generateOutput(ORDERS_OUTPUT_SCHEMA, 7, REF)).toEqual(generateOutput(ORDERS_OUTPUT_SCHEMA, 7, REF))
    const distinct = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(generateOutput(ORDERS_OUTPUT_SCHEMA, i, REF))))
    expect(distinct.size).toBe(20)
  })

  it('handles $ref/$defs, allOf, anyOf, draft 2020-12 prefixItems and OpenAPI nullable', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $defs: {
        money: {
          type: 'object',
          required: ['value', 'currency'],
          properties: { value: { type: 'integer', exclusiveMinimum: 0, maximum: 99 }, currency: { enum: ['USD', 'EUR'] } },
        },
      },
      type: 'object',
      required: ['price', 'pair', 'mixed', 'note'],
      properties: {
        price: { $ref: '#/$defs/money' },
        pair: { type: 'array', prefixItems: [{ type: 'string', format: 'date' }, { type: 'boolean' }], items: false },
        mixed: {
          allOf: [
            { type: 'object', required: ['a'], properties: { a: { type: 'string', format: 'ipv4' } } },
            { required: ['b'], properties: { b: { const: 1 } } },
          ],
        },
        any: {
          anyOf: [
            { type: 'string', format: 'hostname' },
            { type: 'number', minimum: 1.5, maximum: 2 },
          ],
        },
        note: { type: 'string', nullable: true, maxLength: 5 },
      },
    }
    checkSchema(schema, 'output_schema')
    for (let seed = 0; seed < 100; seed++) expect(conforms(schema, generateOutput(schema, seed, REF))).toBe(true)
  })

  it('refuses (never crashes on) a schema with a `__proto__` property, which validators ignore', () => {
    const schema = { type: 'object', properties: JSON.parse('{"__proto__":{"type":"null"}}'), required: ['__proto__'], additionalProperties: false }
    expect(() => generateOutput(schema, 1, REF)).toThrow(/additional properties|conform/)
  })

  it('conforms to arbitrary generated schemas', () => {
    const scalar = fc.oneof(
      fc.record({ type: fc.constant('string'), format: fc.constantFrom('email', 'uri', 'date-time', 'date', 'uuid', 'ipv4', 'hostname') }),
      fc.tuple(fc.nat(10), fc.nat(20)).map(([min, extra]) => ({ type: 'string', minLength: min, maxLength: min + extra })),
      fc.constantFrom('^[A-Z]{3}-\\d{2,4}$', '^(red|green|blue)$', '^[a-z0-9_]{1,8}$').map((pattern) => ({ type: 'string', pattern })),
      fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.nat(1000)).map(([min, extra]) => ({ type: 'integer', minimum: min, maximum: min + extra })),
      fc
        .tuple(fc.integer({ min: -50, max: 50 }), fc.constantFrom(0.5, 0.25, 0.1, 2))
        .map(([min, step]) => ({ type: 'number', minimum: min, maximum: min + 100, multipleOf: step })),
      fc.constant({ type: 'boolean' }),
      fc.constant({ type: 'null' }),
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 }).map((values) => ({ enum: values })),
      fc.constant({ type: ['integer', 'null'], minimum: 3, maximum: 4 }),
    )
    const { schema } = fc.letrec<{ schema: object }>((tie) => ({
      schema: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object'), tie('oneOf')) as fc.Arbitrary<object>,
      array: fc.tuple(tie('schema'), fc.nat(2), fc.nat(3)).map(([items, min, extra]) => ({ type: 'array', items, minItems: min, maxItems: min + extra })),
      object: fc
        .dictionary(
          fc.stringMatching(/^[a-z_]{1,10}$/).filter((k) => k !== '__proto__'),
          tie('schema'),
          { maxKeys: 5 },
        )
        .chain((properties) => fc.subarray(Object.keys(properties)).map((required) => ({ type: 'object', properties, required, additionalProperties: false }))),
      oneOf: fc.constant({ oneOf: [{ type: 'string', format: 'uuid' }, { type: 'integer' }, { type: 'null' }] }),
    }))
    fc.assert(
      fc.property(schema, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (s, seed) => {
        const output = generateOutput(s as Record<string, unknown>, seed, REF)
        expect(conforms(s, output)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('gives {} without a schema and throws for an unsatisfiable one', () => {
    expect(generateOutput(null, 1, REF)).toEqual({})
    expect(() => generateOutput({ type: 'string', minLength: 5, maxLength: 2 }, 1, REF)).toThrow()
  })
})

describe('validateInput', () => {
  it('names fields with dots under input.', () => {
    const fields = (input: Record<string, unknown>) => {
      try {
        validateInput(SEARCH_INPUT_SCHEMA, input)
        return []
      } catch (error) {
        return (error as { details: { field: string; code: string }[] }).details.map((d) => `${d.code}:${d.field}`)
      }
    }
    expect(fields({ query: 'x' })).toEqual([])
    expect(fields({})).toEqual(['input_invalid:input.query'])
    expect(fields({ query: 'x', limit: 0, filters: { since: 'nope' } })).toEqual(['input_invalid:input.limit', 'input_invalid:input.filters.since'])
    expect(() => validateInput(null, { anything: 1 })).not.toThrow()
  })

  it('rejects invalid schemas with input_invalid naming the field', () => {
    expect(() => checkSchema({ type: 'nope' }, 'input_schema')).toThrow(
      expect.objectContaining({ status: 400, details: [expect.objectContaining({ field: 'input_schema' })] }),
    )
    expect(() => checkSchema(null, 'output_schema')).toThrow(expect.objectContaining({ code: 'input_invalid' }))
  })
})
