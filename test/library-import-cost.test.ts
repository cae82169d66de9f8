import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

// What `import('deck-emulator')` + `createEmulator()` load, in a fresh process (nothing cached
// by this one): the bench's "import" figure is that process's start, against importing bare Hono.
const probe = `
const loaded = () => process.moduleLoadList.some((m) => m.includes('undici'))
const { createEmulator } = await import('./src/index.ts')
const emulator = await createEmulator({ storage: { type: 'memory' } })
const afterCreate = loaded()
const res = await emulator.fetch('/_emulator/health')
console.log(JSON.stringify({ afterCreate, status: res.status, afterFetch: loaded() }))
await emulator.close()
`

describe('library import cost', () => {
  it("does not load Node's fetch implementation (undici) until the first in-process request", () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: process.cwd(), encoding: 'utf8' })
    // afterFetch shows the probe does see undici once something needs it.
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ afterCreate: false, status: 200, afterFetch: true })
  })
})
