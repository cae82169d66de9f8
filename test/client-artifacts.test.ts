import { describe, expect, it } from 'vitest'
import { createDeckClient, createEmulator } from '../src/index.js'
import { freshKey } from './helpers/api.js'

describe('typed client: storage, screenshots, reset, token', () => {
  it("reads a run's artifacts through the client", async () => {
    const emulator = await createEmulator({ clock: 'manual' })
    try {
      const apiKey = freshKey('clientart')
      const deck = createDeckClient({ apiKey, fetch: (input, init) => emulator.fetch(input, init) })
      const source = await deck.sources.create({ url: 'https://bank.example.com' })
      const conn = await deck.connections.create({ source_id: source.id, username: 'user_good', password: 'pw' })
      const agent = await deck.agents.create({ name: 'A' })
      const task = await deck.tasks.create({ name: 'T', agent_id: agent.id, storage: { enabled: true }, settings: { timeout_seconds: 600 } })
      expect(task.settings).toEqual({ timeout_seconds: 600 })
      const run = await deck.tasks.run(task.id, { connection_id: conn.id })
      await deck.emulator.advance('1s')
      const [item] = (await deck.taskRuns.storage(run.id)).data
      expect((await deck.storage.get(item!.id)).url).toContain('/_files/')
      expect((await deck.taskRuns.screenshots(run.id)).data).toHaveLength(1)
      expect((await deck.taskRuns.get(run.id, { include: 'storage' })).storage).toHaveLength(1)
      expect((await deck.tasks.reset(task.id)).status).toBe('learning')
      expect((await deck.token.create()).token).toMatch(/^tk_/)
    } finally {
      await emulator.close()
    }
  })
})
