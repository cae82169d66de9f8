import { objectsIn, type ResourceRecorder } from './model.js'

/** Every source seen in a response (created, read, listed) becomes a scenario source with its id, name and url. */
export const sourcesRecorder: ResourceRecorder = {
  observe(ex, world) {
    if (ex.status >= 300) return
    for (const s of objectsIn(ex.response, 'source')) {
      if (typeof s.id !== 'string' || !/^src_[A-Za-z0-9_]+$/.test(s.id)) continue
      const draft = world.source(s.id)
      if (typeof s.name === 'string' && s.name) draft.name = s.name
      const url = s.website?.url
      if (typeof url === 'string' && URL.canParse(url)) draft.url = url
    }
  },
}
