import type { Router } from './route.js'

interface Pattern {
  regex: RegExp
  methods: Set<string>
}

/** Known paths and their methods, to tell "no such route" (404) from "wrong method" (405). */
export function routeTable(routers: Router[]) {
  const patterns = new Map<string, Pattern>()
  for (const router of routers) {
    for (const route of router.routes) {
      let pattern = patterns.get(route.fullPath)
      if (!pattern) {
        const regex = new RegExp(`^${route.fullPath.replace(/:[a-zA-Z_]+/g, '[^/]+')}/?$`)
        patterns.set(route.fullPath, (pattern = { regex, methods: new Set() }))
      }
      pattern.methods.add(route.method.toUpperCase())
    }
  }
  return {
    /** The methods allowed on a path, or undefined when no route has that path. */
    allowed(path: string): string[] | undefined {
      const methods = new Set<string>()
      for (const p of patterns.values()) if (p.regex.test(path)) p.methods.forEach((m) => methods.add(m))
      return methods.size ? [...methods] : undefined
    },
  }
}
