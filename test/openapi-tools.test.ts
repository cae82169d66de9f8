import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compileErrors, validate } from '@readme/openapi-parser'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEmulator, type Emulator } from '../src/index.js'

/** Both served documents, read by the tools a user would point at them (route-table generic: every route is in them). */
const DOCS = ['/v2/openapi.json', '/_emulator/openapi.json']
let emulator: Emulator
const docs = new Map<string, any>()
beforeAll(async () => {
  emulator = await createEmulator({ clock: 'manual' })
  for (const path of DOCS) docs.set(path, await (await emulator.fetch(path)).json())
})
afterAll(() => emulator.close())

/** Every `$ref` in a document, with where it appears. */
function refs(value: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`))
  if (!value || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [{ ref: v, at }] : refs(v, `${at}/${k}`)))
}

describe.each(DOCS)('the OpenAPI document %s', (path) => {
  it('is valid OpenAPI 3.1 for @readme/openapi-parser, with every $ref resolving from the document root', async () => {
    const doc = docs.get(path)
    const result = await validate(structuredClone(doc))
    expect(result.valid ? '' : compileErrors(result)).toBe('')
    for (const { ref, at } of refs(doc)) {
      expect(ref, at).toMatch(/^#\/components\/schemas\/[A-Za-z0-9_]+$/)
      expect(doc.components.schemas[ref.split('/').pop()!], `${ref} at ${at}`).toBeDefined()
    }
    expect(JSON.stringify(doc)).not.toContain('"$defs"')
  })

  it('generates TypeScript types with openapi-typescript that compile', async () => {
    const source = astToString(await openapiTS(structuredClone(docs.get(path))))
    expect(source).toContain('export interface paths')
    expect(source).toContain('export interface components')
    const dir = mkdtempSync(join(tmpdir(), 'deck-emulator-openapi-ts-'))
    try {
      const file = join(dir, 'api.ts')
      writeFileSync(file, `${source}\nexport type ErrorBody = components['schemas']['Error']\n`)
      const program = ts.createProgram([file], { noEmit: true, strict: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, types: [] })
      const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      expect(problems).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('documented constraints', () => {
  it('shows the scenario upload body, the cursor and limit formats', () => {
    const control = docs.get('/_emulator/openapi.json')
    const put = control.paths['/_emulator/scenario'].put
    expect(Object.keys(put.requestBody.content)).toEqual(expect.arrayContaining(['application/yaml', 'application/json']))
    expect(put.requestBody.content['application/json'].schema.required).toContain('name')
    expect(put.responses['413']).toBeDefined()
    const list = docs.get('/v2/openapi.json').paths['/v2/connections'].get.parameters as { name: string; schema: any }[]
    expect(list.find((p) => p.name === 'cursor')!.schema.pattern).toBe('^[A-Za-z0-9_-]+$')
    expect(list.find((p) => p.name === 'limit')!.schema.pattern).toBeTypeOf('string')
    const create = docs.get('/v2/openapi.json').paths['/v2/event-destinations'].post.requestBody.content['application/json'].schema
    expect(create.properties.events.minItems).toBe(1)
  })

  it("describes every path id: its kind's prefix, and that an unknown id is a 404", () => {
    const paths = docs.get('/v2/openapi.json').paths
    const idOf = (path: string, method: string) =>
      (paths[path][method].parameters as { name: string; in: string; description: string }[]).find((p) => p.in === 'path')!
    expect(idOf('/v2/connections/{id}', 'get').description).toMatch(/`conn_…`.*404/)
    expect(idOf('/v2/credentials/{id}', 'get').description).toMatch(/`cred_…`.*404/)
    expect(idOf('/v2/task-runs/{id}', 'get').description).toMatch(/`trun_…`/)
    for (const [path, item] of Object.entries<any>(paths)) {
      for (const operation of Object.values<any>(item)) {
        for (const p of operation.parameters ?? []) if (p.in === 'path') expect(p.description, path).toMatch(/404/)
      }
    }
  })
})
