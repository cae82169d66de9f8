import { createRequire } from 'node:module'

// At the top of src/ on purpose: from dist/version.js and from the bundled dist/deck-emulator.js alike, ../package.json is the package's.
export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version
