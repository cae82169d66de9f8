import { describe, expect, it } from 'vitest'
import { errorOf, stepApp } from '../../../test/helpers/http-unit.js'
import { MAX_JSON_DEPTH } from '../../domain/json-depth.js'
import { readBody, readLimitedText } from './body.js'

const LIMIT = 64
const app = stepApp((c) => {
  const reading = readBody(c, LIMIT)
  return reading ? reading.then(() => c.json({ async: true, body: c.get('body') })) : c.json({ async: false, body: c.get('body') })
})
const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request('/', { method: 'POST', headers, body })

describe('readBody', () => {
  it('gives a GET an empty body without a promise (the hot path)', async () => {
    expect(await (await app.request('/')).json()).toEqual({ async: false, body: {} })
  })

  it('reads a JSON object; an empty body is {}', async () => {
    expect(await (await post('{"a":1}', { 'content-type': 'application/merge-patch+json; charset=utf-8' })).json()).toEqual({ async: true, body: { a: 1 } })
    expect(await (await post('  ', {})).json()).toEqual({ async: true, body: {} })
  })

  it.each([
    ['a non-JSON content type', '{"a":1}', { 'content-type': 'text/plain' }, /Unsupported Content-Type `text\/plain`/],
    // A byte body: a string one would get `text/plain` from Request itself.
    ['no content type', new TextEncoder().encode('{"a":1}'), {}, /Unsupported Content-Type `\(none\)`/],
    ['a compressed body', '{"a":1}', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, /Unsupported Content-Encoding `gzip`/],
    ['invalid JSON', '{"a":', { 'content-type': 'application/json' }, /not valid JSON/],
    ['an array', '[1]', { 'content-type': 'application/json' }, /must be a JSON object/],
    [
      'a body nested too deep',
      `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`,
      { 'content-type': 'application/json' },
      /nested more than/,
    ],
  ] as [string, BodyInit, Record<string, string>, RegExp][])('refuses %s with 400 input_invalid', async (_what, body, headers, message) => {
    const limit = stepApp((c) => readBody(c, 10_000)!.then(() => c.json({})))
    const res = await limit.request('/', { method: 'POST', headers, body })
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ code: 'input_invalid', message: expect.stringMatching(message) })
  })

  it('refuses a body over the limit with 413, declared or not', async () => {
    const big = JSON.stringify({ a: 'x'.repeat(LIMIT) })
    expect((await post(big)).status).toBe(413)
    expect(await errorOf(await post(big, { 'content-type': 'application/json', 'content-length': String(big.length) }))).toMatchObject({
      code: 'payload_too_large',
    })
  })
})

describe('readLimitedText', () => {
  const text = stepApp(async (c) => c.text(await readLimitedText(c, LIMIT)))
  const chunked = (chunks: string[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk))
        controller.close()
      },
    })

  it('reads a chunked body as a stream, and stops at the limit', async () => {
    const init = (chunks: string[]): RequestInit =>
      ({ method: 'PUT', headers: { 'transfer-encoding': 'chunked' }, body: chunked(chunks), duplex: 'half' }) as RequestInit
    expect(await (await text.request('/', init(['name: ', 'x\n']))).text()).toBe('name: x\n')
    expect((await text.request('/', init(['x'.repeat(40), 'y'.repeat(40)]))).status).toBe(413)
  })
})
