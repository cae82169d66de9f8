import { createRequire } from 'node:module'

/**
 * The `yaml` package, loaded on first use rather than at start-up: it costs ~35 ms
 * of every start, and a server without scenario files never parses YAML.
 * (A runtime require also keeps it out of the bundled CLI.)
 */
let yamlModule: typeof import('yaml') | undefined
export const yaml = (): typeof import('yaml') => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'))
