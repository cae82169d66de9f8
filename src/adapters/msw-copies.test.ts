import { describe, expect, it } from 'vitest'
import { mswCopyProblem } from './msw-copies.js'

describe('mswCopyProblem', () => {
  it('names both versions and places when two copies are in the tree', () => {
    const problem = mswCopyProblem(
      { dir: '/app/node_modules/deck-emulator/node_modules/msw', version: '2.4.0' },
      { dir: '/app/node_modules/msw', version: '2.15.0' },
    )
    expect(problem).toContain('msw 2.4.0 (/app/node_modules/deck-emulator/node_modules/msw)')
    expect(problem).toContain('msw 2.15.0 (/app/node_modules/msw)')
    expect(problem).toContain('match nothing')
  })

  it('is silent for one copy, or when the project has none of its own', () => {
    expect(mswCopyProblem({ dir: '/app/node_modules/msw', version: '2.15.0' }, { dir: '/app/node_modules/msw', version: '2.15.0' })).toBeUndefined()
    expect(mswCopyProblem({ dir: '/app/node_modules/msw', version: '2.15.0' }, undefined)).toBeUndefined()
  })
})
