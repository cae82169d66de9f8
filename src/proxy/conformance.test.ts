import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConnectionSchema } from '../http/schemas/connections.js'
import { pageOf, withRequestId } from '../http/schemas/common.js'
import { conformance, type JsonSchema } from './conformance.js'

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' }) as JsonSchema

const connection = {
  id: 'conn_1',
  object: 'connection',
  status: 'interaction_required',
  source_id: 'src_1',
  auth_method: 'username_password',
  auth_credentials: { username: 'alice' },
  external_id: null,
  interaction: { type: 'mfa', message: 'Code?', fields: [{ name: 'code', type: 'string', label: 'Code' }] },
  errors: [],
  last_connected_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  request_id: 'req_1',
}
const Connection = json(withRequestId(ConnectionSchema))
const kinds = (value: unknown, schema = Connection) => conformance(schema, value).map((d) => `${d.kind} ${d.path}`)

describe('conformance of a response to the schema the emulator declares', () => {
  it('finds nothing in a conforming object', () => {
    expect(conformance(Connection, connection)).toEqual([])
    expect(conformance(Connection, { ...connection, status: 'connected', interaction: null })).toEqual([])
  })

  it('names a renamed field twice: the required one missing, the new one unknown', () => {
    const { external_id, ...rest } = connection
    expect(kinds({ ...rest, externalId: external_id })).toEqual(['missing_field external_id', 'unknown_field externalId'])
  })

  it('tells an enum value the contract does not list from a wrong type', () => {
    expect(kinds({ ...connection, status: 'paused' })).toEqual(['enum_value status'])
    expect(kinds({ ...connection, status: 3 })).toEqual(['type status'])
    expect(kinds({ ...connection, object: 'conn' })).toEqual(['enum_value object'])
  })

  it('judges a nullable object as the object it is (not as "not null")', () => {
    expect(kinds({ ...connection, interaction: { ...connection.interaction, type: 'captcha' } })).toEqual(['enum_value interaction.type'])
    expect(kinds({ ...connection, interaction: 'mfa' })).toEqual(['type interaction'])
  })

  it('checks patterns (request_id) and a missing request_id', () => {
    expect(kinds({ ...connection, request_id: 'abc' })).toEqual(['format request_id'])
    const { request_id: _, ...noId } = connection
    expect(kinds(noId)).toEqual(['missing_field request_id'])
  })

  it('groups the same difference in every item of a list under one path', () => {
    const Page = json(pageOf(ConnectionSchema))
    const page = {
      data: [
        { ...connection, status: 'paused', request_id: undefined },
        { ...connection, status: 'paused' },
      ].map(({ request_id: _, ...c }) => c),
      has_more: false,
      next_cursor: null,
      request_id: 'req_2',
    }
    expect(kinds(page, Page)).toEqual(['enum_value data[].status'])
  })

  it('follows $ref into $defs', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { a: { $ref: '#/$defs/A' } },
      required: ['a'],
      additionalProperties: false,
      $defs: { A: { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'], additionalProperties: false } },
    }
    expect(kinds({ a: { b: 1.5 } }, schema)).toEqual(['type a.b'])
    expect(kinds({ a: { b: 2 } }, schema)).toEqual([])
  })
})
