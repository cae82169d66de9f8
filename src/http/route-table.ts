import { generationOfPath, type GenerationTag } from '../domain/generation.js'
import type { Router } from './route.js'

interface Pattern {
  regex: RegExp
  methods: Set<string>
  generations: Set<GenerationTag>
}

/** Known paths and their methods, to tell "no such route" (404) from "wrong method" (405). */
export function routeTable(routers: Router[]) {
  const patterns = new Map<string, Pattern>()
  for (const router of routers) {
    for (const route of router.routes) {
      let pattern = patterns.get(route.fullPath)
      if (!pattern) {
        const regex = new RegExp(`^${route.fullPath.replace(/:[a-zA-Z_]+/g, '[^/]+')}/?$`)
        patterns.set(route.fullPath, (pattern = { regex, methods: new Set(), generations: new Set() }))
      }
      pattern.methods.add(route.method.toUpperCase())
      pattern.generations.add(route.generationTag)
    }
  }
  const matching = (path: string) => [...patterns.values()].filter((p) => p.regex.test(path))
  return {
    /** The methods allowed on a path, or undefined when no route has that path. */
    allowed(path: string): string[] | undefined {
      const methods = new Set<string>()
      for (const p of matching(path)) p.methods.forEach((m) => methods.add(m))
      return methods.size ? [...methods] : undefined
    },
    /**
     * The generation a path belongs to: the tag of the routes that have it
     * when they agree (any shared route there makes it shared); for a path no
     * route has, its prefix (domain/generation.ts), so the credentials paths
     * are known before their routes exist. Undefined: unknown path.
     */
    generationOf(path: string): GenerationTag | undefined {
      const tags = new Set<GenerationTag>()
      for (const p of matching(path)) p.generations.forEach((g) => tags.add(g))
      if (tags.size === 0) return generationOfPath(path)
      return tags.size === 1 ? [...tags][0] : 'shared'
    },
  }
}
