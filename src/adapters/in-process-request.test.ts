import { describe, expect, it } from 'vitest'
import { inProcessRequest } from './in-process-request.js'

const BASE = 'http://deck-emulator.local'

describe('inProcessRequest', () => {
  it('reads like the Request fetch would build: url, method, headers, body as text, JSON and bytes', async () => {
    const init = { method: 'post', headers: { authorization: 'Bearer sk_test_x', 'content-type': 'application/json' }, body: '{"a":"ü"}' }
    const light = inProcessRequest('/v2/sources?x=1', init, BASE)
    const real = new Request(new URL('/v2/sources?x=1', BASE), init)
    expect(light).toBeInstanceOf(Request)
    expect(light.url).toBe(real.url)
    expect(light.method).toBe(real.method)
    expect([...light.headers]).toEqual([...real.headers])
    expect(await light.text()).toBe(await real.clone().text())
    expect(await inProcessRequest('/v2/sources', init, BASE).json()).toEqual({ a: 'ü' })
    expect(new Uint8Array(await inProcessRequest('/v2/sources', init, BASE).arrayBuffer())).toEqual(new Uint8Array(await real.arrayBuffer()))
  })

  it('keeps method names fetch does not normalise, and refuses what Request refuses', () => {
    expect(inProcessRequest('/v2/connections/c', { method: 'patch' }, BASE).method).toBe('patch')
    expect(inProcessRequest('/v2/connections/c', { method: 'delete' }, BASE).method).toBe('DELETE')
    expect(() => inProcessRequest('/v2/sources', { method: 'GET', body: '{}' }, BASE)).toThrow(TypeError)
    expect(() => inProcessRequest('/v2/sources', { method: 'TRACE' }, BASE)).toThrow(TypeError)
    expect(() => inProcessRequest('/v2/sources', { method: 'G T' }, BASE)).toThrow(TypeError)
    expect(() => inProcessRequest('/v2/sources', { headers: { 'bad header': 'x' } }, BASE).headers).toThrow(TypeError)
  })

  it('hands everything else to a real Request built from the same input (signal, body stream, clone, formData)', async () => {
    const light = inProcessRequest('/form', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=two' }, BASE)
    expect(light.signal).toBeInstanceOf(AbortSignal)
    expect(light.clone().url).toBe(`${BASE}/form`)
    expect(Object.fromEntries(await light.formData())).toEqual({ a: '1', b: 'two' })
    expect(light.bodyUsed).toBe(true)
    const streamed = inProcessRequest('/x', { method: 'POST', body: 'abc' }, BASE)
    expect(await new Response(streamed.body).text()).toBe('abc')
  })

  it('passes a Request through, and builds a real one for other bodies', () => {
    const real = new Request(`${BASE}/v2/sources`)
    expect(inProcessRequest(real, undefined, BASE)).toBe(real)
    const bytes = inProcessRequest('/v2/sources', { method: 'POST', body: new Uint8Array([1]) }, BASE)
    expect(Object.getPrototypeOf(bytes)).toBe(Request.prototype)
  })
})
