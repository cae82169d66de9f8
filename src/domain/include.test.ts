import { describe, expect, it } from 'vitest'
import { parseInclude } from './include.js'

describe('include parser', () => {
  it('accepts comma lists and repeats of exactly input, storage, artifacts, screenshots', () => {
    expect([...parseInclude('input, storage')]).toEqual(['input', 'storage'])
    expect([...parseInclude(['artifacts', 'screenshots,input'])]).toEqual(['artifacts', 'screenshots', 'input'])
    expect(parseInclude(undefined).size).toBe(0)
    expect(parseInclude('').size).toBe(0)
  })

  it('rejects anything else with field include', () => {
    try {
      parseInclude('input,output')
      expect.unreachable()
    } catch (error) {
      expect((error as { details: unknown[] }).details[0]).toMatchObject({ code: 'input_invalid', field: 'include' })
    }
  })
})
