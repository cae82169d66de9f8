import type { ResourceRecorder } from './model.js'

/**
 * A clock advance sent to an upstream emulator (`POST /_emulator/clock/advance`)
 * is an `advance` step: against the emulator, time is part of the story.
 */
export const clockRecorder: ResourceRecorder = {
  observe(ex, world) {
    if (ex.method !== 'POST' || ex.path !== '/_emulator/clock/advance' || ex.status !== 200) return
    const by = (ex.request as { by?: unknown } | undefined)?.by
    if (typeof by === 'string' || typeof by === 'number') world.steps.push({ advance: by })
  },
}
