import { describe, expect, it } from 'vitest'
import { breakAnswer, connectionFaultOf, splitBytes } from './chaos.js'

const json = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'application/json', 'content-length': String(body.length) } })

describe('breakAnswer', () => {
  it('malformed keeps status and headers, cuts the JSON in half and fixes Content-Length', async () => {
    const res = await breakAnswer(json('{"id":"src_1","object":"source"}', 201), { body: 'malformed' })
    expect(res.status).toBe(201)
    const text = await res.text()
    expect(text).toBe('{"id":"src_1","o')
    expect(res.headers.get('content-length')).toBe(String(text.length))
    expect(res.headers.get('content-type')).toBe('application/json')
  })

  it('malformed on a one-byte body still sends broken JSON', async () => {
    expect(await (await breakAnswer(json('1'), { body: 'malformed' })).text()).toBe('{')
  })

  it('leaves statuses without a body alone', async () => {
    const res = new Response(null, { status: 204 })
    expect(await breakAnswer(res, { body: 'malformed' })).toBe(res)
  })

  it('trickle drops Content-Length and never makes more pieces than bytes', async () => {
    const res = await breakAnswer(json('{"a":1}'), { body: 'trickle', trickle: { duration: 0, chunks: 100 } })
    expect(res.headers.get('content-length')).toBeNull()
    const reader = res.body!.getReader()
    let pieces = 0
    for (let r = await reader.read(); !r.done; r = await reader.read()) pieces++
    expect(pieces).toBe(7)
  })

  it('connection faults only mark the answer, for the transport', async () => {
    const res = json('{}')
    expect(await breakAnswer(res, { connection: 'empty' })).toBe(res)
    expect(connectionFaultOf(res)).toBe('empty')
    expect(connectionFaultOf(json('{}'))).toBeUndefined()
  })
})

describe('splitBytes', () => {
  it('splits into near-equal pieces that join back to the input', () => {
    const bytes = new TextEncoder().encode('abcdefghij')
    const pieces = splitBytes(bytes, 3)
    expect(pieces.map((p) => p.length)).toEqual([3, 4, 3])
    expect(new TextDecoder().decode(Buffer.concat(pieces))).toBe('abcdefghij')
  })
})
